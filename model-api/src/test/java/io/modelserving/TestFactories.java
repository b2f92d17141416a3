package io.modelserving;

import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/** Model factories for the core's tests; the published test models live in the testkit. */
final class TestFactories {

    private TestFactories() {
    }

    /** "offset": bytes are a number n; the model scores features to value(0) + n. */
    static final class OffsetFactory implements ModelFactory {
        /** Every model this factory made, in order. */
        final List<OffsetModel> created = new CopyOnWriteArrayList<>();

        @Override
        public String modelType() {
            return "offset";
        }

        @Override
        public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
            OffsetModel model = new OffsetModel(Double.parseDouble(new String(source.bytes(), StandardCharsets.UTF_8)));
            created.add(model);
            return model;
        }
    }

    /** Scores value(0) + offset; refuses to score once closed, so a use-after-close shows as a failure. */
    static final class OffsetModel implements Model<Features, Prediction> {
        final double offset;
        final AtomicBoolean closed = new AtomicBoolean();

        OffsetModel(double offset) {
            this.offset = offset;
        }

        @Override
        public Prediction score(Features input) {
            if (closed.get()) {
                throw new IllegalStateException("scored after close");
            }
            if (input.value(0) < 0) {
                throw new IllegalArgumentException("negative input " + input.value(0));
            }
            return Prediction.of(input.value(0) + offset);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** "broken": creation always throws. */
    static final class BrokenFactory implements ModelFactory {
        @Override
        public String modelType() {
            return "broken";
        }

        @Override
        public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) {
            throw new IllegalStateException("cannot parse model " + descriptor.name());
        }
    }

    static List<ModelFactory> all() {
        return List.of(new OffsetFactory(), new BrokenFactory());
    }

    static ModelDescriptor offset(String name, String dataType, double offset) {
        return ModelDescriptor.builder(name, dataType, "offset").version("1")
                .bytes(Double.toString(offset).getBytes(StandardCharsets.UTF_8)).build();
    }

    static Features features(String dataType, double... values) {
        return Features.positional(dataType, values);
    }

    /**
     * "linear": bytes "a,b" score a * value(0) + b, "a,b,sleepMillis" after a sleep; "fail" always throws; "hang"
     * blocks until {@link #release} opens; "class:label:probability" classifies everything as label.
     */
    static final class LinearFactory implements ModelFactory {
        final List<LinearModel> created = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String modelType() {
            return "linear";
        }

        @Override
        public Model<?, ?> create(ModelDescriptor descriptor, ModelSource source) throws Exception {
            LinearModel model = new LinearModel(new String(source.bytes(), StandardCharsets.UTF_8), release);
            created.add(model);
            return model;
        }
    }

    static final class LinearModel implements Model<Features, Prediction> {
        final String spec;
        final CountDownLatch release;
        volatile boolean closed;

        LinearModel(String spec, CountDownLatch release) {
            this.spec = spec;
            this.release = release;
        }

        @Override
        public Prediction score(Features input) throws Exception {
            if (closed) {
                throw new IllegalStateException("scored after close");
            }
            if (spec.equals("fail")) {
                throw new IllegalStateException("this model always fails");
            }
            if (spec.equals("hang")) {
                release.await();
                throw new IllegalStateException("released");
            }
            String[] parts = spec.split("[,:]");
            if (parts[0].equals("class")) {
                double probability = Double.parseDouble(parts[2]);
                return Prediction.ofClass(0, parts[1], Map.of(parts[1], probability, "other", 1 - probability));
            }
            if (parts.length > 2) {
                Thread.sleep(Long.parseLong(parts[2]));
            }
            return Prediction.of(Double.parseDouble(parts[0]) * input.value(0) + Double.parseDouble(parts[1]));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
