package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void nearestRankOfUnsortedSamples() {
        List<Long> samples = List.of(40L, 10L, 30L, 20L, 50L);

        assertThat(Stats.median(samples)).isEqualTo(30);
        assertThat(Stats.max(samples)).isEqualTo(50);
        assertThat(Stats.percentile(samples, 20)).isEqualTo(10);
        assertThat(Stats.percentile(samples, 21)).isEqualTo(20);
    }

    @Test
    void medianOfAnEvenCountIsTheLowerMiddle() {
        assertThat(Stats.median(List.of(4L, 1L, 3L, 2L))).isEqualTo(2);
    }

    @Test
    void noSamplesGiveMinusOne() {
        assertThat(Stats.median(List.of())).isEqualTo(-1);
    }
}
