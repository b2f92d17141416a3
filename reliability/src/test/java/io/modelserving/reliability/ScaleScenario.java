package io.modelserving.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scale out and in under load: a second and a third serve process join mid-stream, a new model is published,
 * then one instance stops (SIGTERM) and another is killed (SIGKILL) and never comes back.
 */
final class ScaleScenario {

    static final int RECORDS = Integer.getInteger("reliability.scale.records", 30_000);
    static final int RATE = Integer.getInteger("reliability.scale.rate", 1_000);

    private ScaleScenario() {
    }

    static Outcome run(Context context, String engine, String guarantee) throws Exception {
        Serve.Setup setup = context.setup("scale", engine, guarantee);
        context.publishModel(setup, 1);
        List<Integer> ports = List.of(Serve.freePort(), Serve.freePort(), Serve.freePort());
        List<Serve> instances = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Integer> peers = new ArrayList<>(ports);
            peers.remove(i);
            instances.add(new Serve(setup, "instance-" + (i + 1), ports.get(i), peers));
        }
        try (Ledger ledger = new Ledger(setup.servers(), setup.topics())) {
            instances.get(0).start().awaitReady(Duration.ofSeconds(90));
            Load load = new Load(setup.servers(), setup.topics().topics().data(), RECORDS, RATE).start();
            Thread.sleep(3_000);
            instances.get(1).start().awaitReady(Duration.ofSeconds(90));
            instances.get(2).start().awaitReady(Duration.ofSeconds(90));
            context.publishModel(setup, 2);
            Set<String> models = awaitSameModel(instances, "2", Duration.ofSeconds(30));
            int reported = awaitInstancesInState(instances.get(0), 3, Duration.ofSeconds(30));
            instances.get(1).stop();
            Thread.sleep(1_000);
            instances.get(2).kill();
            load.awaitDone();
            ledger.awaitAll(load.acknowledged(), Duration.ofSeconds(60));
            int crashes = instances.get(0).alive() ? 0 : 1;
            instances.get(0).stop();
            long missing = ledger.missing(load.acknowledged());
            Row row = new Row("scale 1→3→1", engine, guarantee, load.acknowledged().size(),
                    load.acknowledged().size() - missing, missing, ledger.duplicates(), 1, "-", -1, 0, crashes,
                    instances.stream().mapToLong(Serve::peakHeap).max().orElse(0) >> 20,
                    instances.stream().mapToLong(Serve::peakRss).max().orElse(0) >> 20,
                    "models on the 3 instances: " + models + "; /state lists " + reported + " of 3");
            context.report.add(row);
            return new Outcome(row, models, reported, ledger.unreadable());
        } finally {
            for (Serve instance : instances) {
                if (instance.alive()) {
                    instance.stop();
                }
            }
        }
    }

    /** The model versions the instances report once all report {@code version} (or when time runs out). */
    private static Set<String> awaitSameModel(List<Serve> instances, String version, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> versions;
        do {
            versions = new TreeSet<>();
            for (Serve instance : instances) {
                JsonNode models = Http.json(instance.httpPort(), "/models");
                versions.add(models == null ? "no answer" : models.path("models").path("wine").path("version").asText("none"));
            }
            if (versions.equals(Set.of(version))) {
                return versions;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        return versions;
    }

    /** How many instances {@code GET /state/wine} of {@code asked} lists, once it lists {@code expected}. */
    private static int awaitInstancesInState(Serve asked, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int listed;
        do {
            JsonNode state = Http.json(asked.httpPort(), "/state/wine");
            listed = state == null ? 0 : state.path("instances").size();
            if (listed == expected) {
                return listed;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        return listed;
    }

    /** What the test asserts on. */
    record Outcome(Row row, Set<String> models, int instancesInState, long unreadable) {
    }
}
