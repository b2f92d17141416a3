package io.modelserving;

import io.modelserving.spi.ModelFactory;
import io.modelserving.spi.ModelSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
}
