package io.modelserving.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelLimits;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelServingException;
import io.modelserving.ModelUpdate;
import io.modelserving.Prediction;
import io.modelserving.ScoringResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/** The tutorial's SavedModel over all 1,599 wines, checked against its own variables and the raw TF API. */
class TutorialSavedModelTest {

    private static Path seed;
    private static Path savedModel;
    private static List<Features> wines;
    private static DenseNetwork fromVariables;
    private static float[][] rawOutputs;

    @BeforeAll
    static void readTheModelWithTheRawApi() throws Exception {
        TensorFlowRuntime.nativeCache();   // the raw API below loads TensorFlow before any of our models
        seed = SeedData.directory();
        savedModel = SeedData.savedModel();
        wines = SeedData.wines();
        try (SavedModelBundle bundle = SavedModelBundle.load(savedModel.toString(), "serve")) {
            List<DenseNetwork.Layer> layers = new ArrayList<>();
            for (int layer = 1; layer <= 3; layer++) {
                float[] kernel = fetch(bundle, "dense_" + layer + "/kernel");
                float[] bias = fetch(bundle, "dense_" + layer + "/bias");
                layers.add(DenseNetwork.Layer.of(kernel, kernel.length / bias.length, bias));
            }
            fromVariables = new DenseNetwork(layers);
            rawOutputs = runSignatureTensors(bundle);
        }
    }

    @Test
    void servesTheSavedModelFromAnAllowedDirectoryAsItsVariablesCompute() {
        try (ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .limits(ModelLimits.defaults().withAllowedDirectories(seed))
                .build()) {
            ModelUpdate update = processor.update(ModelDescriptor.builder("wine-saved", "wine", "tensorflow-saved")
                    .location(savedModel.toString()).build());
            assertThat(update.accepted()).as(update.reason()).isTrue();

            List<ScoringResult<Prediction>> results = processor.scorer(Features::dataType).scoreBatch(wines);

            for (int row = 0; row < wines.size(); row++) {
                Prediction prediction = ((ScoringResult.Scored<Prediction>) results.get(row)).value();
                double[] expected = fromVariables.outputs(wines.get(row).values());
                assertThat(prediction.value()).as("row %d", row).isEqualTo(DenseNetwork.argmax(expected));
                for (int k = 0; k < 9; k++) {
                    double score = prediction.probabilities().get(Integer.toString(k));
                    assertThat(score).isCloseTo(expected[k], within(1e-5));
                    assertThat(score).isCloseTo(rawOutputs[row][k], within(1e-6));
                }
            }
        }
    }

    @Test
    void isADifferentTrainingRunThanTheFrozenGraphDifferingOnTwoWines() throws Exception {
        DenseNetwork frozen = TutorialGraphTest.networkFromConstants(
                GraphDef.parseFrom(SeedData.frozenGraph()));
        List<Prediction> predictions;
        try (TensorFlowSavedModel model = TensorFlowSavedModel.load(savedModel, SavedModelSettings.defaults())) {
            assertThat(model.featureCount()).isEqualTo(11);
            predictions = model.scoreBatch(wines);
        }
        int differing = 0;
        for (int row = 0; row < wines.size(); row++) {
            int frozenQuality = DenseNetwork.argmax(frozen.outputs(wines.get(row).values()));
            differing += predictions.get(row).value() != frozenQuality ? 1 : 0;
        }
        assertThat(differing).isEqualTo(2);
    }

    @Test
    void loadsFromATarOrZipOfTheDirectoryAndDeletesWhatItUnpacked(@TempDir Path unpackUnder) throws Exception {
        SavedModelSettings settings = SavedModelSettings.defaults().withUnpackDirectory(unpackUnder);
        List<Features> sample = wines.subList(0, 100);
        byte[] tar = TestArchives.tar(TestArchives.files(savedModel, "export/1/"));
        byte[] zip = TestArchives.zip(TestArchives.files(savedModel, ""));
        for (byte[] archive : List.of(tar, zip)) {
            try (TensorFlowSavedModel model = TensorFlowSavedModel.fromArchive(archive, 1_000_000, settings)) {
                try (Stream<Path> left = Files.list(unpackUnder)) {
                    assertThat(left).as("unpacked files are deleted once loaded").isEmpty();
                }
                List<Prediction> predictions = model.scoreBatch(sample);
                for (int row = 0; row < sample.size(); row++) {
                    for (int k = 0; k < 9; k++) {
                        assertThat(predictions.get(row).probabilities().get(Integer.toString(k)))
                                .isCloseTo(rawOutputs[row][k], within(1e-6));
                    }
                }
            }
        }
    }

    @Test
    void servesAGzippedTarFileNamedByALocation(@TempDir Path allowed) throws Exception {
        Path archive = allowed.resolve("wine-saved.tar.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(TestArchives.tar(TestArchives.files(savedModel, "")));
        }
        try (ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .limits(ModelLimits.defaults().withAllowedDirectories(allowed))
                .build()) {
            ModelUpdate update = processor.update(ModelDescriptor.builder("wine-archive", "wine", "tensorflow-saved")
                    .location(archive.toString()).build());
            assertThat(update.accepted()).as(update.reason()).isTrue();
            ScoringResult<Prediction> result = processor.scorer(Features::dataType).score(wines.get(7));
            Prediction prediction = ((ScoringResult.Scored<Prediction>) result).value();
            assertThat(prediction.probabilities().get("5")).isCloseTo(rawOutputs[7][5], within(1e-6));
        }
    }

    @Test
    void rejectsASavedModelWhoseGraphOrVariablesAreCutShort(@TempDir Path unpackUnder) throws Exception {
        SavedModelSettings settings = SavedModelSettings.defaults().withUnpackDirectory(unpackUnder);
        for (String damaged : List.of("saved_model.pb", "variables/variables.data-00000-of-00001",
                "variables/variables.index")) {
            java.util.Map<String, byte[]> files = TestArchives.files(savedModel, "");
            byte[] whole = files.get(damaged);
            files.put(damaged, java.util.Arrays.copyOf(whole, whole.length / 2));
            byte[] archive = TestArchives.tar(files);
            assertThatThrownBy(() -> TensorFlowSavedModel.fromArchive(archive, 1_000_000, settings), damaged)
                    .isInstanceOf(ModelServingException.class)
                    .hasMessageContaining("could not load a SavedModel");
        }
    }

    @Test
    void refusesAnArchiveOverTheSizeLimit(@TempDir Path unpackUnder) throws Exception {
        byte[] tar = TestArchives.tar(TestArchives.files(savedModel, ""));
        long unpacked = 91853 + 3968 + 697;   // the three files, as listed in the seed's SOURCES.md
        SavedModelSettings settings = SavedModelSettings.defaults().withUnpackDirectory(unpackUnder);
        assertThatThrownBy(() -> TensorFlowSavedModel.fromArchive(tar, unpacked - 1, settings))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("more than the limit of " + (unpacked - 1));
        TensorFlowSavedModel.fromArchive(tar, unpacked, settings).close();
    }

    @Test
    void namesWhatIsMissingWhenTagsSignatureOrKeysDoNotMatch() {
        SavedModelSettings defaults = SavedModelSettings.defaults();
        assertThatThrownBy(() -> TensorFlowSavedModel.load(savedModel, defaults.withTags("train")))
                .isInstanceOf(ModelServingException.class).hasMessageContaining("[train]");
        assertThatThrownBy(() -> TensorFlowSavedModel.load(savedModel, defaults.withSignature("serving_default")))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("no signature 'serving_default'").hasMessageContaining("[predict]");
        assertThatThrownBy(() -> TensorFlowSavedModel.load(savedModel, defaults.withInputKey("x")))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("no input 'x'").hasMessageContaining("[inputs]");
        assertThatThrownBy(() -> TensorFlowSavedModel.load(savedModel, defaults.withOutputKey("y")))
                .isInstanceOf(ModelServingException.class)
                .hasMessageContaining("no output 'y'").hasMessageContaining("[outputs]");
    }

    @Test
    void refusesADirectoryWithALinkLeadingOutsideIt(@TempDir Path allowed, @TempDir Path elsewhere) throws Exception {
        Path model = allowed.resolve("wine/1");
        Files.createDirectories(model);
        Files.copy(savedModel.resolve("saved_model.pb"), model.resolve("saved_model.pb"));
        Path variables = Files.createDirectories(elsewhere.resolve("variables"));
        for (String name : List.of("variables.index", "variables.data-00000-of-00001")) {
            Files.copy(savedModel.resolve("variables").resolve(name), variables.resolve(name));
        }
        Files.createSymbolicLink(model.resolve("variables"), variables);

        try (ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder()
                .limits(ModelLimits.defaults().withAllowedDirectories(allowed))
                .build()) {
            ModelUpdate update = processor.update(ModelDescriptor.builder("linked", "wine", "tensorflow-saved")
                    .location(model.toString()).build());
            assertThat(update.accepted()).isFalse();
            assertThat(update.reason()).contains("link leading outside it").contains("variables");
        }
    }

    private static float[] fetch(SavedModelBundle bundle, String variable) {
        try (Result result = bundle.session().runner().fetch(variable).run()) {
            TFloat32 tensor = (TFloat32) result.get(0);
            float[] values = new float[(int) tensor.shape().size()];
            tensor.copyTo(DataBuffers.of(values, false, false));
            return values;
        }
    }

    /** All wines through the signature's tensors with the raw session API, as [row][class]. */
    private static float[][] runSignatureTensors(SavedModelBundle bundle) {
        float[] batch = new float[wines.size() * 11];
        for (int row = 0; row < wines.size(); row++) {
            for (int i = 0; i < 11; i++) {
                batch[row * 11 + i] = (float) wines.get(row).value(i);
            }
        }
        try (TFloat32 input = TFloat32.tensorOf(Shape.of(wines.size(), 11), DataBuffers.of(batch, true, false));
             Result result = bundle.session().runner().feed("dense_1_input:0", input)
                     .fetch("dense_3/Sigmoid:0").run()) {
            TFloat32 output = (TFloat32) result.get(0);
            float[][] rows = new float[wines.size()][9];
            for (int row = 0; row < wines.size(); row++) {
                for (int k = 0; k < 9; k++) {
                    rows[row][k] = output.getFloat(row, k);
                }
            }
            return rows;
        }
    }
}
