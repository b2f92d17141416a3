package io.modelserving.examples.cli;

import io.modelserving.Ensemble;
import io.modelserving.EnsembleDeciders;
import io.modelserving.ModelDescriptor;
import io.modelserving.examples.kafka.ModelPublisher;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options of {@code publish-model --role ensemble}: its members, its decider and its deadline. Every value is
 * checked before anything connects; each check throws {@link IllegalArgumentException} naming the option and the
 * value, which {@link Main} turns into exit code 2.
 *
 * <pre>{@code
 * publish-model --name wine-vote --role ensemble --type onnx \
 *     --member tree=models/tree.onnx --member forest=models/forest.pmml:pmml \
 *     --decider majority --deadline-ms 50
 * }</pre>
 */
final class EnsembleOptions {

    @Option(names = "--member", paramLabel = MemberOption.FORM,
            description = "With --role ensemble, once per member (1 to " + Ensemble.MAX_MEMBERS + "): its name, "
                    + "its model file or SavedModel directory and its model type (--type when left out), e.g. "
                    + "fast=models/tree.onnx:onnx. The members take the ensemble's --version.")
    List<String> members = new ArrayList<>();

    @Option(names = "--decider", paramLabel = "DECIDER",
            description = "With --role ensemble: which answer is served. " + EnsembleDeciders.FIRST_VALID
                    + " (the first score to arrive), " + EnsembleDeciders.MAJORITY + " (the score most members "
                    + "agree with), " + EnsembleDeciders.HIGHEST_CONFIDENCE + " (the most confident class), or "
                    + "the name of one the serving code registers. Default: " + EnsembleDeciders.FIRST_VALID + ".")
    String decider;

    @Option(names = "--deadline-ms", paramLabel = "MS",
            description = "With --role ensemble: how long a record waits for the members, 1 to 60000 ms; at the "
                    + "deadline the decider decides with the answers in, or the record fails. Default: 100.")
    Long deadlineMillis;

    /**
     * Refuses these options for a model of another role.
     *
     * @throws IllegalArgumentException naming the first option given
     */
    void refuseFor(String role) {
        String given = !members.isEmpty() ? "--member" : decider != null ? "--decider"
                : deadlineMillis != null ? "--deadline-ms" : null;
        if (given != null) {
            throw new IllegalArgumentException(given + " applies only to --role ensemble, not to --role " + role);
        }
    }

    /**
     * The ensemble's descriptor, its members read from their files, with role {@code ensemble} and model type
     * {@link Ensemble#MODEL_TYPE}.
     *
     * @param defaultType the model type of a member that gives none ({@code --type}); may be null
     * @throws IllegalArgumentException naming the option and the value when one is out of range
     */
    ModelDescriptor describe(String name, String dataType, String description, String version, String defaultType)
            throws IOException {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("--role ensemble needs its members: give --member "
                    + MemberOption.FORM + " once for each, 1 to " + Ensemble.MAX_MEMBERS);
        }
        if (members.size() > Ensemble.MAX_MEMBERS) {
            throw new IllegalArgumentException("--member: an ensemble has at most " + Ensemble.MAX_MEMBERS
                    + " members, " + members.size() + " were given");
        }
        Duration deadline = deadline();
        String deciderName = decider == null ? EnsembleDeciders.FIRST_VALID : decider.strip();
        if (deciderName.isEmpty()) {
            throw new IllegalArgumentException("--decider must name a decider, e.g. " + EnsembleDeciders.FIRST_VALID);
        }
        List<MemberOption> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String text : members) {
            MemberOption member = MemberOption.parse("--member", text);
            if (!names.add(member.name())) {
                throw new IllegalArgumentException("--member '" + text + "': two members are named "
                        + member.name());
            }
            parsed.add(member);
        }
        List<ModelDescriptor> described = new ArrayList<>();
        for (MemberOption member : parsed) {
            described.add(ModelPublisher.describe(member.existingPath("--member"),
                    member.typeOr("--member", defaultType), member.name(), dataType,
                    "member of ensemble " + name, version));
        }
        // tag::deploy-ensemble[]
        ModelDescriptor ensemble = ModelDescriptor.builder(name, dataType, Ensemble.MODEL_TYPE)
                .description(description)
                .version(version)
                .createdAt(Instant.now())
                .ensemble(new Ensemble(described, deciderName, deadline)) // each member described as one model
                .build();                                                 // role ensemble: key "wine:ensemble"
        // end::deploy-ensemble[]
        return ensemble;
    }

    private Duration deadline() {
        if (deadlineMillis == null) {
            return Ensemble.DEFAULT_DEADLINE;
        }
        long millis = deadlineMillis;
        if (millis <= 0 || millis > Ensemble.MAX_DEADLINE.toMillis()) {
            throw new IllegalArgumentException("--deadline-ms must be from 1 to " + Ensemble.MAX_DEADLINE.toMillis()
                    + ", was " + millis);
        }
        return Duration.ofMillis(millis);
    }
}
