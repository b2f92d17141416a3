package io.modelserving.tensorflow;

import java.util.Objects;

/**
 * How a frozen TensorFlow graph is fed and read: the input and output operations, and optionally how many
 * features a record has. Immutable; {@code withX} returns a changed copy.
 *
 * <p>The defaults are those of the original model-serving tutorial's wine-quality graph: input
 * {@code dense_1_input}, output {@code dense_3/Sigmoid}.
 *
 * <pre>{@code
 * GraphSettings settings = GraphSettings.defaults()
 *         .withInput("features")
 *         .withOutput("scores/Softmax")
 *         .withFeatureCount(4);
 * ModelFactory factory = new TensorFlowModelFactory(settings);
 * }</pre>
 *
 * @param input        the input operation (a float32 placeholder of shape [n, features]), optionally with
 *                     an output index as {@code name:0}
 * @param output       the output operation (float32, shape [n, classes] or [n])
 * @param featureCount the number of features per record; 0 to take it from the graph
 */
public record GraphSettings(String input, String output, int featureCount) {

    public static final String DEFAULT_INPUT = "dense_1_input";
    public static final String DEFAULT_OUTPUT = "dense_3/Sigmoid";

    public GraphSettings {
        input = requireName(input, "input");
        output = requireName(output, "output");
        if (featureCount < 0) {
            throw new IllegalArgumentException("featureCount must be 0 (from the graph) or positive, was " + featureCount);
        }
    }

    /** The tutorial's names; the feature count comes from the graph. */
    public static GraphSettings defaults() {
        return new GraphSettings(DEFAULT_INPUT, DEFAULT_OUTPUT, 0);
    }

    public GraphSettings withInput(String name) {
        return new GraphSettings(name, output, featureCount);
    }

    public GraphSettings withOutput(String name) {
        return new GraphSettings(input, name, featureCount);
    }

    public GraphSettings withFeatureCount(int count) {
        return new GraphSettings(input, output, count);
    }

    static String requireName(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, was '" + value + "'");
        }
        return value.strip();
    }
}
