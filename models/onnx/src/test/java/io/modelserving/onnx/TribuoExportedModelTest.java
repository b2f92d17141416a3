package io.modelserving.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnx.proto.OnnxMl.ModelProto;
import io.modelserving.Features;
import io.modelserving.ModelSignature;
import io.modelserving.Prediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/** A linear model trained with Tribuo on generated data, exported to ONNX, must predict what Tribuo predicts. */
class TribuoExportedModelTest {

    private static final String[] NAMES = {"f0", "f1", "f2", "f3", "f4"};

    @Test
    void predictsWhatTribuoPredicts() throws Exception {
        Random random = new Random(5);
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> data =
                new MutableDataset<>(new SimpleDataSourceProvenance("generated", factory), factory);
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            double[] x = new double[NAMES.length];
            for (int j = 0; j < x.length; j++) {
                x[j] = random.nextGaussian();
            }
            double y = 1.5 * x[0] - 2.0 * x[1] + 0.5 * x[2] + 0.25 * x[4] + 3.0 + 0.1 * random.nextGaussian();
            data.add(new ArrayExample<>(new Regressor("y", y), NAMES, x));
            rows.add(x);
        }
        LinearSGDModel tribuo = new LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1), 5, 1L).train(data);
        ModelProto exported = tribuo.exportONNXModel("io.modelserving.test", 1L);
        byte[] onnx = exported.toByteArray();

        // The export orders its inputs by Tribuo's feature ids; name the features so that order is explicit.
        ImmutableFeatureMap featureMap = tribuo.getFeatureIDMap();
        List<String> inOnnxOrder = Arrays.stream(NAMES)
                .sorted(Comparator.comparingInt(name -> featureMap.get(name).getID())).toList();
        OnnxSettings settings = OnnxSettings.defaults().withFeatureNames(inOnnxOrder);

        List<Features> records = new ArrayList<>();
        rows.forEach(x -> records.add(Features.of("t", List.of(NAMES), x)));
        try (OnnxModel model = OnnxModel.load(onnx, settings)) {
            ModelSignature signature = model.signature().orElseThrow();
            assertThat(signature).isEqualTo(OnnxSignatureTest.expectedFrom(exported));
            assertThat(signature.inputs()).singleElement().satisfies(input -> {
                assertThat(input.type()).isEqualTo("float");
                assertThat(input.shape()).containsExactly(-1L, (long) NAMES.length);
            });
            List<Prediction> batch = model.scoreBatch(records);
            for (int i = 0; i < rows.size(); i++) {
                double expected = tribuo.predict(new ArrayExample<>(new Regressor("y", Double.NaN), NAMES, rows.get(i)))
                        .getOutput().getValues()[0];
                assertThat(batch.get(i).value()).as("row %d", i).isCloseTo(expected, within(1e-4 * (1 + Math.abs(expected))));
                assertThat(model.score(records.get(i)).value()).isCloseTo(expected, within(1e-4 * (1 + Math.abs(expected))));
            }
        }
        // and the training worked at all: Tribuo's own prediction near the generating function
        double[] probe = {1, 1, 1, 1, 1};
        double tribuoAtProbe = tribuo.predict(new ArrayExample<>(new Regressor("y", Double.NaN), NAMES, probe))
                .getOutput().getValues()[0];
        assertThat(tribuoAtProbe).isCloseTo(1.5 - 2.0 + 0.5 + 0.25 + 3.0, within(0.2));
    }
}
