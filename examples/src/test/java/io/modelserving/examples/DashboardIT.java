package io.modelserving.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.modelserving.ModelDescriptor;
import io.modelserving.ServingStats;
import io.modelserving.examples.kafka.Clients;
import io.modelserving.examples.kafka.DataPublisher;
import io.modelserving.examples.kafka.ModelPublisher;
import io.modelserving.examples.kafka.TopicSetup;
import io.modelserving.examples.serving.ServingApp;
import io.modelserving.examples.serving.ServingOptions;
import io.modelserving.examples.training.TrainedWineModels;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineCsv;
import io.modelserving.examples.wine.WineGenerator;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.testkit.EmbeddedKafkaBroker;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser. A Kafka Streams instance serves wine with a first model, swaps to a second one
 * mid-stream and refuses a corrupt third; headless Chromium then renders {@code /} from the instance's own HTTP
 * server, and the test reads the DOM the page's script built: the second model current for "wine", the corrupt
 * one rejected with its reason in the timeline, and the records counted.
 *
 * <p>The screenshot goes to {@code examples/target/dashboard.png}, and also to the path of the system property
 * {@code dashboard.docs} (relative to the repository root) when that is set, which is how the one in the docs
 * is made: {@code mvn -B verify -pl examples -Dit.test=DashboardIT -Ddashboard.docs=docs/images/dashboard.png}.
 * Without Chromium on the PATH the test is skipped, or fails when the environment variable {@code CI} is set.
 */
class DashboardIT {

    private static final String FIRST = "wine-tribuo-linear:1";
    private static final String SECOND = "wine-ols:2";
    private static final String CORRUPT = "wine-corrupt:3";
    private static final int BEFORE_SWAP = 1_000;   // at 100 records/s
    private static final int AFTER_SWAP = 2_000;    // at 200 records/s
    private static final int AFTER_RELOAD = 500;    // at 100 records/s
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration SCRIPT_TIME = Duration.ofSeconds(5);
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 900;

    @TempDir
    Path temp;

    @Test
    void showsTheCurrentModelTheRejectedOneAndTheRecords() throws Exception {
        HeadlessChromium chromium = chromium();
        System.out.println("Browser: " + chromium.version());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            ServingTopics topics = ServingTopics.defaults();
            TopicSetup.ensure(broker.bootstrapServers(), topics);
            ServingOptions options = ServingOptions.defaults(broker.bootstrapServers(), temp.resolve("state"))
                    .toBuilder().httpPort(0).build();
            try (ServingApp serving = ServingApp.start(ServingApp.Engine.KAFKA_STREAMS, options);
                 KafkaProducer<String, byte[]> producer = Clients.producer(broker.bootstrapServers())) {
                swapAndRejectWhileStreaming(serving, producer, topics);

                URI page = URI.create("http://localhost:" + serving.httpPort() + "/");
                RenderedDashboard dashboard = render(chromium, page);
                assertThat(problems(dashboard)).as("what the page shows; its DOM:%n%s", dashboard.excerpt()).isEmpty();

                Path png = Path.of("target", "dashboard.png");
                chromium.screenshot(page, png, WIDTH, HEIGHT, SCRIPT_TIME);
                assertThat(pngSize(png)).as("screenshot size").containsExactly(WIDTH, HEIGHT);
                copyToDocs(png);
            }
        }
    }

    /** Model 1, records, model 2, more records and a malformed one, a corrupt model, a last run of records. */
    private static void swapAndRejectWhileStreaming(ServingApp serving, KafkaProducer<String, byte[]> producer,
                                                    ServingTopics topics) throws InterruptedException {
        TrainedWineModels models = TrainedWineModels.train(42);
        List<WineCsv.Row> rows = new WineGenerator(7).rows(500);
        ModelPublisher.publish(producer, topics.models(), ModelPublisher.describe(models.onnx().onnxBytes(),
                "onnx", "wine-tribuo-linear", Wine.DATA_TYPE, "linear regression trained with Tribuo", "1"));
        await(serving, "model 1 serving", s -> s.model() != null && "wine-tribuo-linear".equals(s.model().name()));
        new DataPublisher(producer, topics.data(), Wine.DATA_TYPE, 100).publish(rows, 0, BEFORE_SWAP, n -> { });

        ModelPublisher.publish(producer, topics.models(), ModelPublisher.describe(
                models.pmml().toPmml().getBytes(StandardCharsets.UTF_8), "pmml", "wine-ols", Wine.DATA_TYPE,
                "ordinary least squares, written as PMML", "2"));
        await(serving, "model 2 serving", s -> s.model() != null && "wine-ols".equals(s.model().name()));
        new DataPublisher(producer, topics.data(), Wine.DATA_TYPE, 200).publish(rows, BEFORE_SWAP, AFTER_SWAP, n -> { });
        producer.send(new ProducerRecord<>(topics.data(), "garbage", "not a wine record".getBytes(StandardCharsets.UTF_8)));

        ModelPublisher.publish(producer, topics.models(), ModelPublisher.describe(
                "not an onnx model".getBytes(StandardCharsets.UTF_8), "onnx", "wine-corrupt", Wine.DATA_TYPE,
                "bytes that are no model", "3"));
        // After a rejection the engine publishes the last accepted model again (so that the compacted model topic
        // ends with a good one); loading it again restarts the current model's counters.
        await(serving, "corrupt model rejected, model 2 loaded again",
                s -> s.updatesRejected() >= 1 && s.updatesAccepted() >= 3);
        new DataPublisher(producer, topics.data(), Wine.DATA_TYPE, 100)
                .publish(rows, BEFORE_SWAP + AFTER_SWAP, AFTER_RELOAD, n -> { });
        await(serving, "records after the reload scored", s -> s.invocations() >= AFTER_RELOAD);
    }

    /** What the page gets wrong; empty when it shows the swap, the rejection and the records. */
    private static List<String> problems(RenderedDashboard page) {
        List<String> problems = new ArrayList<>();
        check(problems, "ok".equals(page.connection()), "connection is '" + page.connection() + "'");
        Optional<String> model = page.modelField(Wine.DATA_TYPE, "model");
        check(problems, model.equals(Optional.of(SECOND)), "current wine model is " + model);
        check(problems, page.modelField(Wine.DATA_TYPE, "model-type").equals(Optional.of("pmml")), "model type is not pmml");
        long scored = RenderedDashboard.number(page.modelField(Wine.DATA_TYPE, "invocations"));
        check(problems, scored >= AFTER_RELOAD, "wine records scored by " + SECOND + " since it was loaded: " + scored);
        long inWindow = RenderedDashboard.number(page.field("window-scored"));
        check(problems, inWindow >= BEFORE_SWAP + AFTER_SWAP + AFTER_RELOAD, "records scored in the window: " + inWindow);

        List<RenderedDashboard.Element> rejected = page.updates(CORRUPT);
        check(problems, rejected.size() == 1, CORRUPT + " is in the timeline " + rejected.size() + " times");
        rejected.forEach(update -> {
            check(problems, "false".equals(update.attribute("data-accepted")), CORRUPT + " is not marked rejected");
            check(problems, !update.field("reason").orElse("").isBlank(), CORRUPT + " shows no reason");
        });
        check(problems, outcomes(page, SECOND).contains("serving"), SECOND + " is not marked serving in the timeline: "
                + outcomes(page, SECOND));
        check(problems, outcomes(page, FIRST).equals(List.of("replaced")), FIRST + " is not marked replaced in the "
                + "timeline: " + outcomes(page, FIRST));
        return problems;
    }

    private static List<String> outcomes(RenderedDashboard page, String model) {
        return page.updates(model).stream().map(u -> u.attribute("data-outcome")).toList();
    }

    private static void check(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    /** Renders the page until it shows no problem or {@link #WAIT} passes; the last rendering either way. */
    private static RenderedDashboard render(HeadlessChromium chromium, URI page) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RenderedDashboard dashboard;
        do {
            dashboard = new RenderedDashboard(chromium.dumpDom(page, SCRIPT_TIME));
            if (problems(dashboard).isEmpty()) {
                break;
            }
            Thread.sleep(1_000);
        } while (System.nanoTime() < deadline);
        return dashboard;
    }

    private static void await(ServingApp serving, String what, Predicate<ServingStats> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ServingStats stats = serving.stats().get(Wine.DATA_TYPE);
            if (serving.ready() && stats != null && condition.test(stats)) {
                return;
            }
            assertThat(System.nanoTime()).as("%s within %s; stats: %s", what, WAIT, stats).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Width and height from the PNG's header chunk. */
    private static List<Integer> pngSize(Path png) throws Exception {
        byte[] bytes = Files.readAllBytes(png);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).as("PNG signature").isEqualTo("PNG");
        ByteBuffer header = ByteBuffer.wrap(bytes, 16, 8);
        return List.of(header.getInt(), header.getInt());
    }

    /** Copies the screenshot to {@code dashboard.docs}, a path relative to the repository root, when set. */
    private static void copyToDocs(Path png) throws Exception {
        String docs = System.getProperty("dashboard.docs");
        if (docs != null && !docs.isBlank()) {
            // the tests run in the examples module's directory
            Path target = Path.of(docs).isAbsolute() ? Path.of(docs) : Path.of("..").resolve(docs).normalize();
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(png, target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("Screenshot copied to " + target);
        }
    }

    /** Chromium from the PATH; without it the test fails on CI and is skipped elsewhere. */
    private HeadlessChromium chromium() {
        Optional<HeadlessChromium> found = HeadlessChromium.onPath(temp.resolve("chromium"));
        String missing = "DashboardIT needs Chromium on the PATH (one of " + HeadlessChromium.NAMES + "); "
                + "install it with `apt-get install chromium` (Debian; `chromium-browser` on Ubuntu) or your system's "
                + "Chromium package";
        if (found.isEmpty() && System.getenv("CI") != null) {
            throw new AssertionError(missing + ". CI is set, so the test fails rather than skips.");
        }
        assumeTrue(found.isPresent(), missing);
        return found.get();
    }
}
