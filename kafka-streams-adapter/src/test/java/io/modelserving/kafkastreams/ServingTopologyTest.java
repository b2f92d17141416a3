package io.modelserving.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.codec.Codecs;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import io.modelserving.kafka.DeliveryGuarantee;
import io.modelserving.kafka.InstanceId;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.TestModels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServingTopologyTest {

    private static final ServingTopics TOPICS = ServingTopics.defaults();
    private static final String WINE = "wine";

    private ModelProcessor<Features, Prediction> processor;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> data;
    private TestInputTopic<byte[], byte[]> models;
    private TestOutputTopic<byte[], byte[]> scored;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private ServingRuntime<Features, Prediction> runtime;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
        if (processor != null) {
            processor.close();
        }
    }

    @Test
    void swapsModelsMidStreamAndNamesTheModelThatScored() {
        start(NoModelPolicy.DEAD_LETTER, Duration.ofSeconds(30));
        publish(TestModels.constant("m1", WINE, 1.0));
        awaitModel("m1");
        send("k1", TestModels.features(WINE, 7.0));
        send("k2", TestModels.features(WINE, 8.0));
        publish(TestModels.constant("m2", WINE, 2.0));
        awaitModel("m2");
        send("k3", TestModels.features(WINE, 9.0));

        List<TestRecord<byte[], byte[]>> out = scored.readRecordsToList();
        assertThat(out).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("k1", "k2", "k3");
        assertThat(out).extracting(r -> modelName(r.value())).containsExactly("m1", "m1", "m2");
        assertThat(out).extracting(r -> score(r.value())).containsExactly(1.0, 1.0, 2.0);
        ScoredRecord<Features, Prediction> third = decode(out.get(2).value());
        assertThat(third.input()).isEqualTo(TestModels.features(WINE, 9.0));
        assertThat(third.origin()).isEqualTo(new ScoredRecord.Origin(TOPICS.data(), 0, 2, out.get(2).timestamp()));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(processor.stats(WINE).updatesAccepted()).isEqualTo(2);
    }

    @Test
    void noModelWithDeadLetterPolicyIsDeadLetteredAtOnce() {
        start(NoModelPolicy.DEAD_LETTER, Duration.ofSeconds(30));
        byte[] value = Codecs.features().encode(TestModels.features(WINE, 1.0));
        data.pipeInput("k1".getBytes(StandardCharsets.UTF_8), value);

        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(letter.value()).isEqualTo(value);
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("k1");
        DeadLetter read = DeadLetter.fromHeaders(letter.headers()).orElseThrow();
        assertThat(read.kind()).isEqualTo(DeadLetterKind.NO_MODEL);
        assertThat(read.dataType()).isEqualTo(WINE);
        assertThat(read.sourceTopic()).isEqualTo(TOPICS.data());
        assertThat(read.sourceOffset()).isEqualTo(0);
        assertThat(scored.isEmpty()).isTrue();
    }

    @Test
    void aDataTypeNobodyPublishedAModelForIsDeadLetteredAtOnceEvenUnderWait() {
        start(NoModelPolicy.WAIT, Duration.ofSeconds(60));
        long start = System.nanoTime();
        send("k1", TestModels.features(WINE, 1.0));
        send("k2", TestModels.features(WINE, 2.0));
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(2).allSatisfy(r -> assertThat(kind(r)).isEqualTo(DeadLetterKind.NO_MODEL));
        assertThat(DeadLetter.fromHeaders(letters.get(0).headers()).orElseThrow().reason())
                .isEqualTo("no model for data type 'wine'");
        // Far below the 60 s wait: nothing waited for a model nobody is loading.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aRecordWaitsForAModelBeingLoadedAndAfterOneTimeoutNoLonger() {
        start(NoModelPolicy.WAIT, Duration.ofSeconds(60));
        publish(SlowLoadingModelFactory.descriptor("m1", WINE, Duration.ofMillis(300)));
        send("k1", TestModels.features(WINE, 3.0));
        TestRecord<byte[], byte[]> out = scored.readRecord();
        assertThat(modelName(out.value())).isEqualTo("m1");
        assertThat(score(out.value())).isEqualTo(1.0);

        start(NoModelPolicy.WAIT, Duration.ofMillis(200));
        publish(SlowLoadingModelFactory.descriptor("m2", "beer", Duration.ofSeconds(5)));
        send("b1", TestModels.features("beer", 1.0));
        send("b2", TestModels.features("beer", 2.0));
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).hasSize(2).allSatisfy(r -> assertThat(kind(r)).isEqualTo(DeadLetterKind.NO_MODEL));
    }

    @Test
    void underDeadLetterARecordDoesNotWaitForALoadOnceRestored() {
        start(NoModelPolicy.DEAD_LETTER, Duration.ofSeconds(60));
        send("k0", TestModels.features("beer", 1.0));       // the first record ends the restore
        deadLetters.readRecord();
        publish(SlowLoadingModelFactory.descriptor("m1", WINE, Duration.ofSeconds(20)));
        long start = System.nanoTime();
        send("k1", TestModels.features(WINE, 1.0));
        assertThat(kind(deadLetters.readRecord())).isEqualTo(DeadLetterKind.NO_MODEL);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void inputHeadersReachTheScoredRecordAndTheDeadLetter() {
        start(NoModelPolicy.DEAD_LETTER, Duration.ofSeconds(30));
        publish(TestModels.constant("m1", WINE, 1.0));
        awaitModel("m1");
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        headers.add("modelserving.reason", "forged".getBytes(StandardCharsets.UTF_8));
        data.pipeInput(new TestRecord<>("k1".getBytes(StandardCharsets.UTF_8),
                Codecs.features().encode(TestModels.features(WINE, 1.0)), headers));
        data.pipeInput(new TestRecord<>("k2".getBytes(StandardCharsets.UTF_8), new byte[] {9, 9, 9}, headers));
        TestRecord<byte[], byte[]> out = scored.readRecord();
        assertThat(new String(out.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-abc-def-01");
        assertThat(out.headers().lastHeader("modelserving.reason")).isNull();
        TestRecord<byte[], byte[]> letter = deadLetters.readRecord();
        assertThat(new String(letter.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8))
                .isEqualTo("00-abc-def-01");
        assertThat(DeadLetter.fromHeaders(letter.headers()).orElseThrow().reason()).isNotEqualTo("forged");
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReason() {
        start(NoModelPolicy.DEAD_LETTER, Duration.ofSeconds(30));
        publish(TestModels.failingOnNegative("picky", WINE));
        awaitModel("picky");
        byte[] garbage = {(byte) 0xff, 0x01, 0x02};
        byte[] valid = Codecs.features().encode(TestModels.features(WINE, 1.0, 2.0));
        byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
        byte[] nan = Codecs.features().encode(TestModels.features(WINE, Double.NaN));
        data.pipeInput("garbage".getBytes(StandardCharsets.UTF_8), garbage);
        data.pipeInput("truncated".getBytes(StandardCharsets.UTF_8), truncated);
        data.pipeInput("nan".getBytes(StandardCharsets.UTF_8), nan);
        send("negative", TestModels.features(WINE, -1.0));
        send("good", TestModels.features(WINE, 4.0));

        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("garbage", "truncated", "nan", "negative");
        assertThat(letters.get(0).value()).isEqualTo(garbage);
        assertThat(letters.get(1).value()).isEqualTo(truncated);
        assertThat(letters).extracting(ServingTopologyTest::kind).containsExactly(DeadLetterKind.DATA_UNDECODABLE,
                DeadLetterKind.DATA_UNDECODABLE, DeadLetterKind.DATA_UNDECODABLE, DeadLetterKind.SCORING_FAILED);
        assertThat(DeadLetter.fromHeaders(letters.get(2).headers()).orElseThrow().reason()).contains("NaN");
        DeadLetter failed = DeadLetter.fromHeaders(letters.get(3).headers()).orElseThrow();
        assertThat(failed.model()).isEqualTo("picky");
        assertThat(failed.reason()).contains("negative");
        assertThat(failed.sourceOffset()).isEqualTo(3);
        assertThat(scored.readRecordsToList()).extracting(r -> score(r.value())).containsExactly(4.0);
    }

    @Test
    void badModelsAreDeadLetteredOnceAndTheCurrentModelStays() {
        start(NoModelPolicy.DEAD_LETTER, Duration.ofSeconds(30));
        publish(TestModels.constant("m1", WINE, 1.0));
        awaitModel("m1");
        byte[] garbageModel = "not a model".getBytes(StandardCharsets.UTF_8);
        models.pipeInput(WINE.getBytes(StandardCharsets.UTF_8), garbageModel);
        ModelDescriptor nonNumeric = TestModels.descriptor("m2", WINE, "constant", "abc");
        publish(nonNumeric);
        await(() -> processor.stats(WINE).updatesRejected() == 1 && !runtime.loadingModels());
        send("k1", TestModels.features(WINE, 1.0));
        assertThat(modelName(scored.readRecord().value())).isEqualTo("m1");

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        List<TestRecord<byte[], byte[]>> letters = deadLetters.readRecordsToList();
        assertThat(letters).extracting(ServingTopologyTest::kind)
                .containsExactly(DeadLetterKind.MODEL_UNDECODABLE, DeadLetterKind.MODEL_REJECTED);
        assertThat(letters.get(0).value()).isEqualTo(garbageModel);
        assertThat(letters.get(1).value()).isEqualTo(Codecs.modelDescriptors().encode(nonNumeric));
        DeadLetter rejected = DeadLetter.fromHeaders(letters.get(1).headers()).orElseThrow();
        assertThat(rejected.model()).isEqualTo("m2");
        assertThat(rejected.dataType()).isEqualTo(WINE);
        assertThat(rejected.reason()).contains("'abc'");
        assertThat(rejected.sourceTopic()).isEqualTo(TOPICS.models());
        assertThat(rejected.sourceOffset()).isEqualTo(2);

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(processor.currentModel(WINE).orElseThrow().name()).isEqualTo("m1");
    }

    @Test
    void topologyHasAGlobalModelStoreAndBothSinks() {
        start(NoModelPolicy.DEAD_LETTER, Duration.ofSeconds(30));
        String description = ModelServingStreams.topology(ServingConfig.forFeatures(processor)).topology()
                .describe().toString();
        assertThat(description).contains("for global store", "Processor: modelserving-models (stores: [modelserving-models])",
                "topics: [modelserving-models]",
                "modelserving-score", "topic: modelserving-scored", "topic: modelserving-dead-letters");
    }

    @Test
    void kafkaStreamsOffersNoAtMostOnce() {
        assertThat(ModelServingStreams.properties("app", "localhost:9092", DeliveryGuarantee.EXACTLY_ONCE)
                .getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(ModelServingStreams.processingGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)).isEqualTo("at_least_once");
        assertThatThrownBy(() -> ModelServingStreams.properties("app", "localhost:9092", DeliveryGuarantee.AT_MOST_ONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AT_MOST_ONCE");
        assertThatThrownBy(() -> ModelServingStreams.properties(" ", "localhost:9092", DeliveryGuarantee.AT_LEAST_ONCE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atLeastOnceCommitsEverySecond() {
        Properties props = ModelServingStreams.properties("app", "localhost:9092", DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
                .isEqualTo(ModelServingStreams.AT_LEAST_ONCE_COMMIT_INTERVAL_MS);
        assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(1_000L);
    }

    @Test
    void exactlyOnceKeepsKafkasCommitInterval() {
        Properties props = ModelServingStreams.properties("app", "localhost:9092", DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(props).doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    }

    @Test
    void withInstanceIdSetsTheConsumersGroupInstanceIdOnTheSameProperties() {
        Properties props = ModelServingStreams.properties("app", "localhost:9092", DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(props).doesNotContainKey("consumer.group.instance.id");

        Properties returned = ModelServingStreams.withInstanceId(props, InstanceId.of("scorer-1"));

        assertThat(returned).isSameAs(props);
        assertThat(props.get(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)))
                .isEqualTo("scorer-1");
        assertThat(props.getProperty("consumer.group.instance.id")).isEqualTo("scorer-1");
    }

    @Test
    void kafkaStreamsGivesEachStreamThreadItsOwnStaticMembership() {
        Properties props = ModelServingStreams.withInstanceId(
                ModelServingStreams.properties("app", "localhost:9092", DeliveryGuarantee.EXACTLY_ONCE),
                InstanceId.of("scorer-1"));
        StreamsConfig config = new StreamsConfig(props);
        assertThat(config.getMainConsumerConfigs("app", "client", 2).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .isEqualTo("scorer-1-2");
        assertThat(config.getMainConsumerConfigs("app", "client", 1).get(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG))
                .isEqualTo("scorer-1-1");
    }

    private void start(NoModelPolicy policy, Duration wait) {
        if (driver != null) {
            driver.close();
            processor.close();
        }
        processor = ModelProcessor.<Features, Prediction>builder()
                .factories(TestModels.factoriesWith(new SlowLoadingModelFactory())).build();
        ServingTopology<Features, Prediction> serving = ModelServingStreams.topology(
                ServingConfig.forFeatures(processor).withNoModelPolicy(policy).withNoModelWait(wait));
        runtime = serving.runtime();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "serving-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/serving-topology-test-"
                + System.nanoTime());
        driver = new TopologyTestDriver(serving.topology(), props);
        ByteArraySerializer bytes = new ByteArraySerializer();
        data = driver.createInputTopic(TOPICS.data(), bytes, bytes);
        models = driver.createInputTopic(TOPICS.models(), bytes, bytes);
        scored = driver.createOutputTopic(TOPICS.scored(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private void publish(ModelDescriptor descriptor) {
        models.pipeInput(descriptor.dataType().getBytes(StandardCharsets.UTF_8),
                Codecs.modelDescriptors().encode(descriptor));
    }

    private void send(String key, Features features) {
        data.pipeInput(key.getBytes(StandardCharsets.UTF_8), Codecs.features().encode(features));
    }

    private void awaitModel(String name) {
        await(() -> processor.currentModel(WINE).map(m -> m.name().equals(name)).orElse(false));
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static ScoredRecord<Features, Prediction> decode(byte[] envelope) {
        return Codecs.scoredRecords(Codecs.features(), Codecs.predictions()).decode(envelope).get();
    }

    private static String modelName(byte[] envelope) {
        return decode(envelope).result().modelInfo().orElseThrow().name();
    }

    private static double score(byte[] envelope) {
        return ((ScoringResult.Scored<Prediction>) decode(envelope).result()).value().value();
    }

    private static DeadLetterKind kind(TestRecord<byte[], byte[]> record) {
        return DeadLetter.fromHeaders(record.headers()).orElseThrow().kind();
    }
}
