package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.modelserving.Ensemble;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelPayload;
import io.modelserving.ModelRole;
import io.modelserving.PromotionRule;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.examples.cli.Main;
import io.modelserving.examples.kafka.KafkaConnection;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code publish-model --role}, {@code promote}, {@code rollback} and {@code retire} against a real broker, checked by
 * reading the model topic itself: each message under the key of its role, a promotion as the shadow's model
 * published again as primary under the data type's key, a retirement as a tombstone under the role's key, an
 * ensemble as one descriptor holding its members.
 */
class ModelRolesCliIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @TempDir
    Path temp;

    @Test
    void promotesTheShadowAsPrimaryAndRetiresWithATombstone() throws Exception {
        String[] kafka = cluster("roles");
        Path primaryFile = Files.writeString(temp.resolve("primary.bin"), "the primary's bytes");
        Path shadowFile = Files.writeString(temp.resolve("shadow.bin"), "the shadow's bytes");
        assertOk(InProcessCli.run(kafka, "publish-model", "--file", primaryFile.toString(), "--type", "onnx",
                "--name", "wine-a", "--version", "1"));
        InProcessCli publishShadow = InProcessCli.run(kafka, "publish-model", "--file", shadowFile.toString(),
                "--type", "pmml", "--name", "wine-b", "--version", "2", "--role", "shadow");
        assertOk(publishShadow);
        assertThat(publishShadow.out()).contains("under key 'wine:shadow'");

        InProcessCli promote = InProcessCli.run(kafka, "promote", "--data-type", "wine");
        assertOk(promote);
        assertThat(promote.out()).contains("Promoted the shadow wine-b version 2 (pmml) of wine to primary")
                .contains("under key 'wine'");

        List<ConsumerRecord<byte[], byte[]>> messages = KAFKA.consumeAll("roles-models", WAIT);
        assertThat(messages).extracting(ModelRolesCliIT::key)
                .containsExactly("wine", "wine:shadow", "wine:previous", "wine");
        ModelDescriptor shadow = decode(messages.get(1));
        assertThat(shadow.role()).isEqualTo(ModelRole.SHADOW);
        ModelDescriptor previous = decode(messages.get(2));
        assertThat(previous).isEqualTo(decode(messages.get(0)).withRole(ModelRole.PREVIOUS, 0));
        ModelDescriptor promoted = decode(messages.get(3));
        assertThat(promoted.role()).isEqualTo(ModelRole.PRIMARY);
        assertThat(promoted.canaryPercent()).isZero();
        assertThat(promoted.name()).isEqualTo("wine-b");
        assertThat(promoted.version()).isEqualTo("2");
        assertThat(promoted.modelType()).isEqualTo("pmml");
        assertThat(promoted.createdAt()).isEqualTo(shadow.createdAt());
        assertThat(promoted.sha256()).isEqualTo(shadow.sha256()).isNotEmpty();
        assertThat(((ModelPayload.Bytes) promoted.payload()).data())
                .isEqualTo("the shadow's bytes".getBytes(StandardCharsets.UTF_8));

        InProcessCli retire = InProcessCli.run(kafka, "retire", "--data-type", "wine", "--role", "shadow");
        assertOk(retire);
        List<ConsumerRecord<byte[], byte[]>> after = KAFKA.consumeAll("roles-models", WAIT);
        assertThat(after).hasSize(5);
        assertThat(key(after.get(4))).isEqualTo("wine:shadow");
        assertThat(after.get(4).value()).as("a tombstone").isNull();

        // the shadow's newest message is now a tombstone: nothing left to promote
        InProcessCli again = InProcessCli.run(kafka, "promote", "--data-type", "wine", "--from", "shadow");
        assertThat(again.exit()).isEqualTo(Main.FAILED);
        assertThat(again.err()).contains("error: no shadow of wine to promote: no model under key 'wine:shadow'");
        assertThat(KAFKA.consumeAll("roles-models", WAIT)).as("a failed promotion publishes nothing").hasSize(5);

        // A rollback brings the replaced primary back and keeps the promoted one as the previous; twice, it undoes.
        InProcessCli rollback = InProcessCli.run(kafka, "rollback", "--data-type", "wine");
        assertOk(rollback);
        assertThat(rollback.out()).contains("Rolled wine back to wine-a version 1 (onnx)");
        List<ConsumerRecord<byte[], byte[]>> rolledBack = KAFKA.consumeAll("roles-models", WAIT);
        assertThat(rolledBack).hasSize(7);
        assertThat(rolledBack.subList(5, 7)).extracting(ModelRolesCliIT::key).containsExactly("wine:previous", "wine");
        assertThat(decode(rolledBack.get(5))).isEqualTo(promoted.withRole(ModelRole.PREVIOUS, 0));
        assertThat(decode(rolledBack.get(6))).isEqualTo(decode(messages.get(0)));
        assertOk(InProcessCli.run(kafka, "rollback", "--data-type", "wine"));
        assertThat(decode(KAFKA.consumeAll("roles-models", WAIT).get(8))).isEqualTo(promoted);
    }

    @Test
    void rollbackWithoutAPreviousModelFailsNamingItsKey() {
        String[] kafka = cluster("noprevious");
        InProcessCli none = InProcessCli.run(kafka, "rollback", "--data-type", "wine");
        assertThat(none.exit()).isEqualTo(Main.FAILED);
        assertThat(none.err()).contains("no previous model of wine to roll back to").contains("'wine:previous'");
    }

    @Test
    void promotionAsksWhichWhenThereAreBothAShadowAndACanary() throws Exception {
        String[] kafka = cluster("both");
        Path file = Files.writeString(temp.resolve("model.bin"), "bytes");
        assertOk(InProcessCli.run(kafka, "publish-model", "--file", file.toString(), "--type", "onnx",
                "--name", "wine-s", "--role", "shadow"));
        assertOk(InProcessCli.run(kafka, "publish-model", "--file", file.toString(), "--type", "onnx",
                "--name", "wine-c", "--role", "canary:5%", "--promote-after", "500", "--max-p99-ms", "20",
                "--retire-after-failures", "10"));
        List<ConsumerRecord<byte[], byte[]>> published = KAFKA.consumeAll("both-models", WAIT);
        assertThat(published).extracting(ModelRolesCliIT::key).containsExactly("wine:shadow", "wine:canary");
        assertThat(decode(published.get(1)).canaryPercent()).isEqualTo(5.0);
        // A canary's rule judges what it served: no agreement to reach.
        assertThat(decode(published.get(1)).promotion())
                .isEqualTo(new PromotionRule(500, 0, Duration.ofMillis(20), 10));

        InProcessCli ambiguous = InProcessCli.run(kafka, "promote");
        assertThat(ambiguous.exit()).isEqualTo(Main.USAGE);
        assertThat(ambiguous.err()).contains("wine has both a shadow (wine-s) and a canary (wine-c)")
                .contains("--from shadow or --from canary");

        assertOk(InProcessCli.run(kafka, "promote", "--from", "canary"));
        List<ConsumerRecord<byte[], byte[]>> after = KAFKA.consumeAll("both-models", WAIT);
        assertThat(after).hasSize(3);
        assertThat(key(after.get(2))).isEqualTo("wine");
        assertThat(decode(after.get(2))).satisfies(d -> {
            assertThat(d.name()).isEqualTo("wine-c");
            assertThat(d.role()).isEqualTo(ModelRole.PRIMARY);
        });
    }

    @Test
    void promotionWithoutAShadowOrCanaryFailsNamingBothKeys() {
        String[] kafka = cluster("none");
        InProcessCli none = InProcessCli.run(kafka, "promote", "--data-type", "wine");
        assertThat(none.exit()).isEqualTo(Main.FAILED);
        assertThat(none.err()).contains("no shadow or canary of wine to promote")
                .contains("'wine:shadow'").contains("'wine:canary'");
    }

    @Test
    void publishesAnEnsembleAsOneDescriptorAndRetiresItWithATombstone() throws Exception {
        String[] kafka = cluster("ensemble");
        Path tree = Files.writeString(temp.resolve("tree.bin"), "the tree's bytes");
        Path forest = Files.writeString(temp.resolve("forest.bin"), "the forest's bytes");
        InProcessCli publish = InProcessCli.run(kafka, "publish-model", "--name", "wine-vote", "--version", "4",
                "--role", "ensemble", "--type", "onnx", "--member", "tree=" + tree,
                "--member", "forest=" + forest + ":pmml", "--decider", "majority", "--deadline-ms", "250");
        assertOk(publish);
        assertThat(publish.out()).contains("under key 'wine:ensemble'");

        List<ConsumerRecord<byte[], byte[]>> messages = KAFKA.consumeAll("ensemble-models", WAIT);
        assertThat(messages).extracting(ModelRolesCliIT::key).containsExactly("wine:ensemble");
        ModelDescriptor vote = decode(messages.get(0));
        assertThat(vote).extracting(ModelDescriptor::name, ModelDescriptor::version, ModelDescriptor::modelType,
                ModelDescriptor::role).containsExactly("wine-vote", "4", Ensemble.MODEL_TYPE, ModelRole.ENSEMBLE);
        Ensemble ensemble = vote.ensemble();
        assertThat(ensemble.decider()).isEqualTo("majority");
        assertThat(ensemble.deadline()).isEqualTo(Duration.ofMillis(250));
        assertThat(ensemble.members()).extracting(ModelDescriptor::name, ModelDescriptor::modelType,
                ModelDescriptor::version, ModelDescriptor::dataType, ModelDescriptor::role).containsExactly(
                        tuple("tree", "onnx", "4", "wine", ModelRole.PRIMARY),
                        tuple("forest", "pmml", "4", "wine", ModelRole.PRIMARY));
        for (int i = 0; i < 2; i++) {
            byte[] content = Files.readAllBytes(i == 0 ? tree : forest);
            ModelDescriptor member = ensemble.members().get(i);
            assertThat(((ModelPayload.Bytes) member.payload()).data()).isEqualTo(content);
            assertThat(member.sha256())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        }

        InProcessCli retire = InProcessCli.run(kafka, "retire", "--data-type", "wine", "--role", "ensemble");
        assertOk(retire);
        assertThat(retire.out()).contains("Retired the ensemble of wine: a tombstone under key 'wine:ensemble'");
        List<ConsumerRecord<byte[], byte[]>> after = KAFKA.consumeAll("ensemble-models", WAIT);
        assertThat(after).hasSize(2);
        assertThat(key(after.get(1))).isEqualTo("wine:ensemble");
        assertThat(after.get(1).value()).as("a tombstone").isNull();

        // A promotion reads neither the ensemble nor anything else under its key: it is no candidate.
        KAFKA.produce("ensemble-models", "wine:ensemble".getBytes(StandardCharsets.UTF_8),
                "not a model descriptor".getBytes(StandardCharsets.UTF_8));
        assertOk(InProcessCli.run(kafka, "publish-model", "--file", tree.toString(), "--type", "onnx",
                "--name", "wine-s", "--role", "shadow"));
        InProcessCli promote = InProcessCli.run(kafka, "promote", "--data-type", "wine");
        assertOk(promote);
        assertThat(promote.out()).contains("Promoted the shadow wine-s");
        List<ConsumerRecord<byte[], byte[]>> promoted = KAFKA.consumeAll("ensemble-models", WAIT);
        assertThat(promoted).extracting(ModelRolesCliIT::key).endsWith("wine:shadow", "wine");
    }

    /** The topics of one test, created as serving creates them (the model topic compacted, one partition). */
    private static String[] cluster(String prefix) {
        ServingTopics topics = ServingTopics.of(prefix + "-data", prefix + "-models", prefix + "-scored",
                prefix + "-dlq");
        TopicSetup.ensure(KafkaConnection.of(KAFKA.bootstrapServers()), topics, Optional.empty());
        return new String[] {"--bootstrap-servers", KAFKA.bootstrapServers(), "--model-topic", topics.models()};
    }

    private static void assertOk(InProcessCli run) {
        assertThat(run.exit()).as(run.err()).isZero();
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    private static ModelDescriptor decode(ConsumerRecord<byte[], byte[]> record) {
        Decoded<ModelDescriptor> decoded = Codecs.modelDescriptors().decode(record.value());
        assertThat(decoded.isValue()).as("descriptor under %s: %s", key(record), decoded).isTrue();
        return decoded.get();
    }
}
