package io.modelserving.examples.cli;

import io.modelserving.examples.kafka.DeadLetterFilter;
import io.modelserving.examples.kafka.DeadLetterReplay;
import io.modelserving.examples.kafka.Json;
import io.modelserving.kafka.DeadLetterKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Republishes dead letters to the topics they came from, once their cause is fixed. */
@Command(name = "replay-dlq", mixinStandardHelpOptions = true,
        description = {"Republish dead letters to their source topic (data or model topic) with their original key, "
                + "value and headers, reading the dead-letter topic up to its end as of the start.",
                "Filters combine; without any, every dead letter is replayed. Ranges include both ends."})
final class ReplayDlqCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only this kind (repeatable): data-undecodable, "
            + "scoring-failed, no-model, model-undecodable, model-rejected, output-failed.")
    List<String> kinds = List.of();

    @Option(names = "--reason-contains", paramLabel = "TEXT", description = "Only reasons containing TEXT, ignoring case.")
    String reasonContains;

    @Option(names = "--from", paramLabel = "INSTANT",
            description = "Only dead letters written at or after this ISO-8601 instant, e.g. 2026-11-30T12:00:00Z.")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "Only dead letters written at or before this instant.")
    String to;

    @Option(names = "--from-offset", paramLabel = "OFFSET", description = "Only dead letters at this offset or later.")
    Long fromOffset;

    @Option(names = "--to-offset", paramLabel = "OFFSET", description = "Only dead letters at this offset or earlier.")
    Long toOffset;

    @Option(names = "--dry-run", description = "Publish nothing: print each dead letter that would be replayed as a JSON line.")
    boolean dryRun;

    @Override
    public Integer call() {
        Set<DeadLetterKind> chosen = kinds.stream().map(DeadLetterFilter::kind).collect(Collectors.toSet());
        DeadLetterFilter filter = DeadLetterFilter.all()
                .withKinds(chosen)
                .withReasonContaining(reasonContains)
                .withTimes(Optional.ofNullable(from).map(t -> DeadLetterFilter.instant("--from", t)),
                        Optional.ofNullable(to).map(t -> DeadLetterFilter.instant("--to", t)))
                .withOffsets(optional(fromOffset), optional(toOffset));
        DeadLetterReplay.Outcome outcome = new DeadLetterReplay(kafka.reachableCluster(), kafka.dlqTopic)
                .replay(filter, dryRun, selected -> {
                    if (dryRun) {
                        System.out.println(Json.write(Json.replayed(selected)));
                    }
                });
        String topics = outcome.byTopic().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
        System.out.printf("%s %d dead letter%s%s; skipped %d (%d not selected, %d without their original record)%n",
                dryRun ? "Would replay" : "Replayed", outcome.replayed(), outcome.replayed() == 1 ? "" : "s",
                outcome.replayed() == 0 ? "" : topics, outcome.skipped(), outcome.filteredOut(),
                outcome.notReplayable());
        System.out.flush();
        return 0;
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
