package io.modelserving.benchmarks.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.modelserving.Features;
import io.modelserving.Prediction;
import io.modelserving.benchmarks.OnnxModels;
import io.modelserving.benchmarks.Records;
import io.modelserving.onnx.OnnxModel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The same-work baselines score as the library does, with the tensor shapes the models declare. */
class SameWorkTest {

    @Test
    void theBuiltFfnnTakesOneRowOf784PerRecordAndScoresAsTheLibrary() {
        checkFfnn(Workload.ffnn(Optional.empty()));
    }

    @Test
    void theCrayfishFfnnTakesOneRowOf784PerRecordAndScoresAsTheLibrary() {
        Optional<Path> file = Workload.findCrayfishFfnn();
        assumeThat(file).as("the Crayfish FFNN at " + Workload.CRAYFISH_FFNN).isPresent();
        checkFfnn(Workload.ffnn(file));
    }

    @Test
    void wineIsOneRowOf11() {
        Workload wine = Workload.of(WorkloadKind.WINE);
        try (SameWork work = new SameWork(wine.model(1)); OnnxModel model = OnnxModel.load(wine.modelBytes(1))) {
            List<Features> records = List.of(work.decode(wine.value(0)), work.decode(wine.value(1)));

            assertThat(work.inputShape(2)).containsExactly(2, 11);
            List<Prediction> raw = work.score(records);
            List<Prediction> library = model.scoreBatch(records);
            for (int i = 0; i < records.size(); i++) {
                assertThat(raw.get(i).value()).isCloseTo(library.get(i).value(), within(1e-5));
            }
        }
    }

    private static void checkFfnn(Workload ffnn) {
        try (SameWork work = new SameWork(ffnn.model(1)); OnnxModel model = OnnxModel.load(ffnn.modelBytes(1))) {
            List<Features> records = List.of(work.decode(ffnn.value(0)), work.decode(ffnn.value(1)),
                    work.decode(ffnn.value(2)));

            assertThat(work.inputShape(3)).containsExactly(3, 1, OnnxModels.FFNN_LAYERS[0]);
            assertThat(records.get(0).size()).isEqualTo(784);
            List<Prediction> raw = work.score(records);
            List<Prediction> library = model.scoreBatch(records);
            assertThat(raw).hasSize(3);
            for (int i = 0; i < records.size(); i++) {
                assertThat(raw.get(i).probabilities()).hasSize(10);
                assertThat(raw.get(i).label()).isEqualTo(library.get(i).label());
                assertThat(raw.get(i).value()).isEqualTo(library.get(i).value());
            }
        }
    }

    @Test
    void uniformRecordsAreSeededAndInTheUnitInterval() {
        List<Features> first = Records.uniform("ffnn", 2, 784, 7);

        assertThat(first).isEqualTo(Records.uniform("ffnn", 2, 784, 7));
        assertThat(first.get(0).values()).hasSize(784);
        assertThat(Arrays.stream(first.get(0).values()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(first.get(0).values()).max().orElseThrow()).isLessThan(1);
    }
}
