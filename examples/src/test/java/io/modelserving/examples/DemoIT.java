package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelPayload;
import io.modelserving.ModelRole;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.codec.Decoded;
import io.modelserving.codec.RecordCodec;
import io.modelserving.examples.cli.Main;
import io.modelserving.examples.demo.DemoRun;
import io.modelserving.examples.wine.WineRecordCodec;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code demo} subcommand end to end, for each engine, on a broker that outlives the run so that the test
 * reads the outputs itself. Every check is on what the demo guarantees at any speed, read from the scored and
 * dead-letter topics: which model each envelope names, and the order of records within each data partition.
 */
class DemoIT {

    private static final int RECORDS = 800;
    private static final String FIRST = "wine-tribuo-linear:1";
    private static final String SECOND = "wine-ols:2";
    private static final String THIRD = "wine-tribuo-linear:3";
    private static final Set<String> MALFORMED = Set.of("malformed-garbage", "malformed-truncated", "malformed-nan");
    private static final RecordCodec<ScoredRecord<Features, Prediction>> SCORED =
            Codecs.scoredRecords(new WineRecordCodec(), Codecs.predictions());

    /**
     * One scored record: its key, where its input was in the data topic, the model that scored it and the shadow
     * beside it (labels {@code name:version}; null for none).
     */
    private record Output(String key, int partition, long offset, String model, String shadow) {
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-streams", "akka-streams", "pekko-streams"})
    void demoAccountsForEveryRecordSwapsModelsAndPromotesAShadow(String engine) {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            // as fast as the producer goes: the demo's guarantees must not depend on the rate
            String output = runDemo("--engine", engine, "--bootstrap-servers", broker.bootstrapServers(),
                    "--records", Integer.toString(RECORDS), "--rate", "0", "--http-port", "0", "--timeout", "90");
            assertThat(output).contains("OK: every record accounted for");

            ServingTopics topics = ServingTopics.defaults();
            List<Output> scored = scored(broker.consumeAll(topics.scored(), Duration.ofSeconds(60)));
            Map<String, DeadLetter> deadLetters = deadLetters(broker.consumeAll(topics.deadLetters(),
                    Duration.ofSeconds(60)));

            // every record accounted for: each data record scored, each malformed one dead-lettered
            Set<String> dataKeys = LongStream.range(0, RECORDS).mapToObj(Long::toString).collect(Collectors.toSet());
            assertThat(scored.stream().map(Output::key).collect(Collectors.toSet())).isEqualTo(dataKeys);
            assertThat(deadLetters.keySet()).isEqualTo(MALFORMED);
            assertThat(deadLetters.values()).allSatisfy(d -> assertThat(d.kind()).isEqualTo(DeadLetterKind.DATA_UNDECODABLE));
            assertThat(deadLetters.get("malformed-nan").reason()).contains("residual sugar is NaN");

            // model 1 scored before model 2 was published; model 2, with model 3 as its shadow, scored everything
            // sent once both were loaded; model 3, promoted, scored everything sent once it served
            assertThat(scored).map(Output::model).containsOnly(FIRST, SECOND, THIRD).contains(FIRST);
            long swapAfter = DemoRun.swapAfter(RECORDS);
            long promoteAfter = DemoRun.promoteAfter(RECORDS);
            assertThat(swapAfter).isEqualTo(400);
            assertThat(promoteAfter).isEqualTo(600);
            assertThat(scored).filteredOn(o -> Long.parseLong(o.key()) >= swapAfter
                            && Long.parseLong(o.key()) < promoteAfter)
                    .hasSizeGreaterThanOrEqualTo((int) (promoteAfter - swapAfter))
                    .allSatisfy(o -> {
                        assertThat(o.model()).as("model of record %s", o.key()).isEqualTo(SECOND);
                        assertThat(o.shadow()).as("shadow of record %s", o.key()).isEqualTo(THIRD);
                    });
            assertThat(scored).filteredOn(o -> Long.parseLong(o.key()) >= promoteAfter)
                    .hasSizeGreaterThanOrEqualTo((int) (RECORDS - promoteAfter))
                    .allSatisfy(o -> {
                        assertThat(o.model()).as("model of record %s", o.key()).isEqualTo(THIRD);
                        assertThat(o.shadow()).as("shadow of record %s", o.key()).isNull();
                    });
            assertThat(output).contains("model 3 as a shadow: agreed on").contains("promoted model 3 to primary");

            // the promotion on the model topic: model 3's shadow descriptor, then the same model as primary
            List<ConsumerRecord<byte[], byte[]>> models = broker.consumeAll(topics.models(), Duration.ofSeconds(60));
            List<String> keys = models.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
            assertThat(keys).containsSubsequence("wine", "wine", "wine:shadow", "wine:previous", "wine")
                    .endsWith("wine");
            ModelDescriptor shadow = descriptor(models.get(keys.lastIndexOf("wine:shadow")));
            ModelDescriptor promoted = descriptor(models.get(models.size() - 1));
            assertThat(shadow.role()).isEqualTo(ModelRole.SHADOW);
            assertThat(promoted.role()).isEqualTo(ModelRole.PRIMARY);
            assertThat(promoted.name() + ":" + promoted.version()).isEqualTo(THIRD);
            assertThat(promoted).extracting(ModelDescriptor::name, ModelDescriptor::version, ModelDescriptor::modelType,
                    ModelDescriptor::createdAt, ModelDescriptor::sha256).containsExactly(shadow.name(),
                    shadow.version(), shadow.modelType(), shadow.createdAt(), shadow.sha256());
            assertThat(((ModelPayload.Bytes) promoted.payload()).data())
                    .isEqualTo(((ModelPayload.Bytes) shadow.payload()).data());

            // per data partition, in offset order, the models go 1 … 1 2 … 2 3 … 3: never back
            List<String> order = List.of(FIRST, SECOND, THIRD);
            for (Map.Entry<Integer, List<Output>> partition : firstScoringByPartition(scored).entrySet()) {
                List<Integer> ranks = partition.getValue().stream().map(o -> order.indexOf(o.model())).toList();
                assertThat(ranks).as("models in data partition %d, in offset order", partition.getKey()).isSorted();
            }
        }
    }

    private static ModelDescriptor descriptor(ConsumerRecord<byte[], byte[]> record) {
        Decoded<ModelDescriptor> decoded = Codecs.modelDescriptors().decode(record.value());
        assertThat(decoded.isValue()).as("model message at offset %d: %s", record.offset(), decoded).isTrue();
        return decoded.get();
    }

    private static String runDemo(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            String[] command = new String[args.length + 1];
            command[0] = "demo";
            System.arraycopy(args, 0, command, 1, args.length);
            exit = Main.run(command);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(exit).as("exit code of the demo").isZero();
        return output;
    }

    private static List<Output> scored(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Output> outputs = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            Decoded<ScoredRecord<Features, Prediction>> decoded = SCORED.decode(record.value());
            assertThat(decoded.isValue()).as("scored record %s decodes: %s", key, decoded).isTrue();
            ScoredRecord<Features, Prediction> envelope = decoded.get();
            assertThat(envelope.result()).as("result of %s", key).isInstanceOf(ScoringResult.Scored.class);
            assertThat(envelope.origin()).as("origin of %s", key).isNotNull();
            String model = ((ScoringResult.Scored<Prediction>) envelope.result()).model().label();
            String shadow = envelope.shadow() == null ? null : envelope.shadow().model().label();
            outputs.add(new Output(key, envelope.origin().partition(), envelope.origin().offset(), model, shadow));
        }
        return outputs;
    }

    private static Map<String, DeadLetter> deadLetters(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, DeadLetter> byKey = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            DeadLetter letter = DeadLetter.fromHeaders(record.headers()).orElse(null);
            assertThat(letter).as("dead letter headers of %s", key).isNotNull();
            byKey.putIfAbsent(key, letter);
        }
        return byKey;
    }

    /**
     * Per data partition, in offset order, the first scoring of each record. A record scored again after a
     * redelivery (at-least-once) lands after its first scoring on the same output partition, as it has the same key.
     */
    private static Map<Integer, List<Output>> firstScoringByPartition(List<Output> scored) {
        Map<Integer, List<Output>> byPartition = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Output output : scored) {
            if (seen.add(output.partition() + "@" + output.offset())) {
                byPartition.computeIfAbsent(output.partition(), p -> new ArrayList<>()).add(output);
            }
        }
        byPartition.values().forEach(list -> list.sort(Comparator.comparingLong(Output::offset)));
        return byPartition;
    }
}
