package io.modelserving.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelserving.ModelInfo;
import io.modelserving.ScoringResult;
import io.modelserving.kafka.DeadLetter;
import io.modelserving.kafka.DeadLetterKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServingMetricsTest {

    private static final ModelInfo M1 = new ModelInfo("m1", "1", "constant", "wine", "", Instant.EPOCH);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServingMetrics metrics = new ServingMetrics(registry);

    @Test
    void countsOutcomesDeadLettersAndScoringTime() {
        metrics.scored(new ScoringResult.Scored<>("wine", 1.0, M1, 2_000));
        metrics.scored(new ScoringResult.Failed<>("wine", "bad", M1, 3_000));
        metrics.scored(new ScoringResult.NoModel<>("beer"));
        metrics.deadLettered(new DeadLetter(DeadLetterKind.NO_MODEL, "none", "data", 0, 1, "", "beer"));

        assertThat(registry.get("modelserving.records").tag("outcome", "scored").counter().count()).isEqualTo(1);
        assertThat(registry.get("modelserving.records").tag("outcome", "failed").counter().count()).isEqualTo(1);
        assertThat(registry.get("modelserving.records").tag("data_type", "beer").counter().count()).isEqualTo(1);
        assertThat(registry.get("modelserving.scoring").tag("data_type", "wine").timer().count()).isEqualTo(2);
        assertThat(registry.get("modelserving.dead.letters").tag("kind", "no-model").counter().count()).isEqualTo(1);
    }

    @Test
    void dataTypesFromUntrustedRecordsCannotGrowTheTagsWithoutBound() {
        for (int i = 0; i < ServingMetrics.MAX_DATA_TYPE_TAGS + 50; i++) {
            metrics.scored(new ScoringResult.NoModel<>("type-" + i));
        }
        long tagged = registry.find("modelserving.records").counters().stream()
                .map(counter -> counter.getId().getTag("data_type")).distinct().count();
        assertThat(tagged).isEqualTo(ServingMetrics.MAX_DATA_TYPE_TAGS + 1);
        assertThat(registry.get("modelserving.records").tag("data_type", ServingMetrics.OTHER).counter().count())
                .isEqualTo(50);
    }
}
