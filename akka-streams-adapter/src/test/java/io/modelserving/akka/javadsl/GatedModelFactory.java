package io.modelserving.akka.javadsl;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.Prediction;
import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Model type "gated": loading blocks until the test opens the gate, then scores to the number in the bytes. */
final class GatedModelFactory implements ModelFactory {

    final CountDownLatch loading = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);

    @Override
    public String modelType() {
        return "gated";
    }

    @Override
    public Model<Features, Prediction> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
        loading.countDown();
        if (!gate.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
        }
        Prediction prediction = Prediction.of(Double.parseDouble(new String(source.bytes(), StandardCharsets.UTF_8)));
        return input -> prediction;
    }
}
