package io.modelserving.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An ensemble member given on the command line as {@code NAME=PATH[:TYPE]}: its name, its model file (or SavedModel
 * directory) and its model type, which may be left to {@code --type} as for a single model. Each parse throws
 * {@link IllegalArgumentException} naming the option and the value, which {@link Main} turns into exit code 2.
 *
 * <pre>{@code
 * MemberOption fast = MemberOption.parse("--member", "fast=models/tree.onnx:onnx");
 * MemberOption big = MemberOption.parse("--member", "big=models/forest.pmml"); // type: null, --type decides
 * }</pre>
 *
 * @param text the value as given
 * @param name the member's model name
 * @param path its model file or SavedModel directory
 * @param type its model type; null when the value does not give one
 */
record MemberOption(String text, String name, Path path, String type) {

    /** The value's form, for messages and help. */
    static final String FORM = "NAME=PATH[:TYPE]";

    /**
     * A member as {@code --member} takes it; a {@code :TYPE} suffix is a type only when it holds no path separator,
     * so a Windows path such as {@code C:\models\a.onnx} stays a path.
     */
    static MemberOption parse(String option, String text) {
        String value = text.strip();
        int equals = value.indexOf('=');
        if (equals <= 0 || equals == value.length() - 1) {
            throw bad(option, text, "give a member as " + FORM + ", e.g. fast=models/tree.onnx:onnx");
        }
        String name = value.substring(0, equals).strip();
        String rest = value.substring(equals + 1).strip();
        String type = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            String suffix = rest.substring(colon + 1).strip();
            if (!suffix.contains("/") && !suffix.contains("\\")) {
                if (suffix.isEmpty() || colon == 0) {
                    throw bad(option, text, "give a member as " + FORM + ", e.g. fast=models/tree.onnx:onnx");
                }
                type = suffix;
                rest = rest.substring(0, colon).strip();
            }
        }
        if (name.isEmpty() || rest.isEmpty()) {
            throw bad(option, text, "give a member as " + FORM + ", e.g. fast=models/tree.onnx:onnx");
        }
        return new MemberOption(text, name, Path.of(rest), type);
    }

    /**
     * The member's model type: its own, or {@code defaultType} (the command's {@code --type}).
     *
     * @throws IllegalArgumentException when it has none and there is no default
     */
    String typeOr(String option, String defaultType) {
        if (type != null) {
            return type;
        }
        if (defaultType == null || defaultType.isBlank()) {
            throw bad(option, text, "no model type: give it as " + FORM + " or give --type for every member");
        }
        return defaultType;
    }

    /**
     * The member's file or directory, which must exist.
     *
     * @throws IllegalArgumentException when it does not
     */
    Path existingPath(String option) {
        if (!Files.exists(path)) {
            throw bad(option, text, "no such file or directory: " + path);
        }
        return path;
    }

    private static IllegalArgumentException bad(String option, String text, String why) {
        return new IllegalArgumentException(option + " '" + text + "': " + why);
    }
}
