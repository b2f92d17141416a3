package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void noArgumentsGiveTheDefaults() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.workloads()).containsExactly(WorkloadKind.WINE);
        assertThat(options.recordsFor(WorkloadKind.WINE)).isEqualTo(50_000);
        assertThat(options.recordsFor(WorkloadKind.FFNN)).isEqualTo(10_000);
        assertThat(options.engines()).isEqualTo(EnumSet.allOf(Engine.class));
        assertThat(options.rounds()).isEqualTo(5);
    }

    @Test
    void recordsApplyToEveryWorkload() {
        BenchmarkOptions options = BenchmarkOptions.parse("--workload", "all", "--records", "2000");

        assertThat(options.workloads()).containsExactly(WorkloadKind.WINE, WorkloadKind.FFNN);
        assertThat(options.recordsFor(WorkloadKind.WINE)).isEqualTo(2_000);
        assertThat(options.recordsFor(WorkloadKind.FFNN)).isEqualTo(2_000);
        assertThat(BenchmarkOptions.parse("--workload", "FFNN").workloads()).containsExactly(WorkloadKind.FFNN);
    }

    @Test
    void flagsOverrideTheirValueOnly() {
        BenchmarkOptions options = BenchmarkOptions.parse("--records", "1_000", "--engine", "Akka-Streams",
                "--rounds", "3", "--rate", "250");

        assertThat(options.records()).isEqualTo(1_000);
        assertThat(options.engines()).isEqualTo(Set.of(Engine.AKKA_STREAMS));
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.rate()).isEqualTo(250);
        assertThat(options.partitions()).isEqualTo(BenchmarkOptions.defaults().partitions());
    }

    @Test
    void allMeansEveryEngine() {
        assertThat(BenchmarkOptions.parse("--engine", "kafka-streams", "--engine", "all").engines())
                .containsExactlyInAnyOrder(Engine.values());
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--engine", "flink"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'flink'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--workload", "resnet"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'resnet'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("records").hasMessageContaining("0");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records", "many"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'many'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--rounds", "0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rounds").hasMessageContaining("0");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--speed", "9"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--speed'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--records'");
    }
}
