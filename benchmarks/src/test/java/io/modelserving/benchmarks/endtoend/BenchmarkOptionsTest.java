package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.kafka.DeliveryGuarantee;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void noArgumentsGiveTheQuickMode() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.mode()).isEqualTo(BenchmarkOptions.Mode.QUICK);
        assertThat(options.workloads()).containsExactly(WorkloadKind.WINE);
        assertThat(options.recordsFor(WorkloadKind.WINE)).isEqualTo(20_000);
        assertThat(options.engines()).isEqualTo(EnumSet.allOf(Engine.class));
        assertThat(options.guarantees()).containsExactly(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(options.partitions()).containsExactly(2);
        assertThat(options.rounds()).isEqualTo(5);
        assertThat(options.chart()).isNull();
    }

    @Test
    void theFullModeSweepsWorkloadsGuaranteesAndPartitions() {
        BenchmarkOptions options = BenchmarkOptions.parse("--chart", "out/run.svg", "--mode", "full");

        assertThat(options.workloads()).containsExactly(WorkloadKind.WINE, WorkloadKind.FFNN);
        assertThat(options.recordsFor(WorkloadKind.WINE)).isEqualTo(WorkloadKind.WINE.defaultRecords());
        assertThat(options.recordsFor(WorkloadKind.FFNN)).isEqualTo(WorkloadKind.FFNN.defaultRecords());
        assertThat(options.guarantees())
                .containsExactly(DeliveryGuarantee.AT_LEAST_ONCE, DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(options.partitions()).containsExactly(1, 2, 4);
        assertThat(options.largeRounds()).isGreaterThanOrEqualTo(20);
        // flags apply on top of the mode wherever they stand
        assertThat(options.chart()).isEqualTo(Path.of("out/run.svg"));
    }

    @Test
    void listsAndGuaranteesParse() {
        BenchmarkOptions options = BenchmarkOptions.parse("--partitions", "4, 1,2,1", "--guarantee", "exactly-once",
                "--repeat", "3", "--large-rounds", "0");

        assertThat(options.partitions()).containsExactly(1, 2, 4);
        assertThat(options.swapPartitions()).isEqualTo(2);
        assertThat(BenchmarkOptions.parse("--partitions", "1,4").swapPartitions()).isEqualTo(1);
        assertThat(options.guarantees()).containsExactly(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(options.repeat()).isEqualTo(3);
        assertThat(options.largeRounds()).isZero();
        assertThat(BenchmarkOptions.parse("--guarantee", "all").guarantees()).hasSize(2);
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
        assertThat(options.mode()).isEqualTo(BenchmarkOptions.Mode.QUICK);
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
        assertThatThrownBy(() -> BenchmarkOptions.parse("--guarantee", "at-most-once"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'at-most-once'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--partitions", "2,0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--mode", "slow"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'slow'");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--records"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--records'");
    }
}
