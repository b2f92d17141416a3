package io.modelserving.examples.cli;

import io.modelserving.ModelDescriptor;
import io.modelserving.ModelRole;

/**
 * A model role given on the command line: {@code primary}, {@code shadow}, {@code canary:PERCENT} with the share
 * of keys the canary serves ({@code canary:5%} or {@code canary:5}), or {@code ensemble}, whose members
 * {@code publish-model} takes from options of their own ({@link EnsembleOptions}). Each parse throws
 * {@link IllegalArgumentException} naming the option and the value, which {@link Main} turns into exit code 2.
 *
 * <pre>{@code
 * RoleOption role = RoleOption.parse("--role", "canary:5%");
 * ModelDescriptor canary = role.apply("--role", descriptor); // role canary, canaryPercent 5
 * }</pre>
 *
 * @param text          the value as given
 * @param role          the role
 * @param canaryPercent the canary's share of keys; 0 for any other role
 */
record RoleOption(String text, ModelRole role, double canaryPercent) {

    /** A role with its canary share, as {@code publish-model --role} takes it. */
    static RoleOption parse(String option, String text) {
        String value = text.strip();
        int colon = value.indexOf(ModelRole.KEY_SEPARATOR);
        ModelRole role = role(option, text, colon < 0 ? value : value.substring(0, colon));
        if (role != ModelRole.CANARY) {
            if (colon >= 0) {
                throw bad(option, text, "only a canary takes a share of keys; roles: primary, shadow, canary:PERCENT, "
                        + "ensemble");
            }
            return new RoleOption(text, role, 0);
        }
        if (colon < 0) {
            throw bad(option, text, "a canary needs the share of keys it serves, e.g. canary:5%");
        }
        String percent = value.substring(colon + 1).strip();
        percent = percent.endsWith("%") ? percent.substring(0, percent.length() - 1).strip() : percent;
        try {
            return new RoleOption(text, role, Double.parseDouble(percent));
        } catch (NumberFormatException e) {
            throw bad(option, text, "'" + percent + "' is not a percent, e.g. canary:5%");
        }
    }

    /** A role by name alone, as {@code retire --role} takes it. */
    static ModelRole named(String option, String text) {
        return role(option, text, text);
    }

    /**
     * The descriptor in this role; the descriptor itself checks the canary's share.
     *
     * @throws IllegalArgumentException naming the option and the value when the share is out of range
     */
    ModelDescriptor apply(String option, ModelDescriptor descriptor) {
        try {
            return descriptor.withRole(role, canaryPercent);
        } catch (IllegalArgumentException e) {
            throw bad(option, text, e.getMessage());
        }
    }

    private static ModelRole role(String option, String text, String name) {
        try {
            return ModelRole.of(name);
        } catch (IllegalArgumentException e) {
            throw bad(option, text, e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String option, String text, String why) {
        return new IllegalArgumentException(option + " '" + text + "': " + why);
    }
}
