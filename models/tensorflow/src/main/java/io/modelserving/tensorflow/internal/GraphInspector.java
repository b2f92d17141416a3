package io.modelserving.tensorflow.internal;

import io.modelserving.ModelServingException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/** Checks a frozen graph's named input and output, and works out how many features its input takes. */
public final class GraphInspector {

    private GraphInspector() {
    }

    /**
     * The named tensor, which must exist and be float32.
     *
     * @param name {@code op} or {@code op:index}
     * @param role "input" or "output", for the message
     */
    public static Output<?> floatTensor(Graph graph, String name, String role) {
        int colon = name.lastIndexOf(':');
        boolean indexed = colon > 0 && name.substring(colon + 1).chars().allMatch(Character::isDigit)
                && colon < name.length() - 1;
        String opName = indexed ? name.substring(0, colon) : name;
        int index = indexed ? Integer.parseInt(name.substring(colon + 1)) : 0;
        GraphOperation op = graph.operation(opName);
        if (op == null) {
            throw new ModelServingException("The graph has no " + role + " operation '" + opName
                    + "'; its placeholders are " + placeholders(graph));
        }
        if (index >= op.numOutputs()) {
            throw new ModelServingException("The graph's " + role + " operation '" + opName + "' has "
                    + op.numOutputs() + " output(s), not an output " + index);
        }
        Output<?> output = op.output(index);
        if (output.dataType() != DataType.DT_FLOAT) {
            throw new ModelServingException("The graph's " + role + " '" + name + "' is " + output.dataType()
                    + "; only float32 (DT_FLOAT) is supported");
        }
        return output;
    }

    /**
     * The number of features the input takes: the configured count, else the input's declared last
     * dimension, else the row count of the weight matrix a first {@code MatMul} multiplies it by (placeholders
     * of frozen Keras graphs often declare no shape), else 0 for unknown.
     *
     * @throws ModelServingException when the configured count contradicts the graph
     */
    public static int featureCount(Output<?> input, int configured) {
        int fromGraph = declaredWidth(input.shape());
        if (fromGraph == 0) {
            fromGraph = widthFromMatMul(input);
        }
        if (configured > 0 && fromGraph > 0 && configured != fromGraph) {
            throw new ModelServingException("featureCount is " + configured + " but the graph's input '"
                    + input.op().name() + "' takes " + fromGraph);
        }
        return configured > 0 ? configured : fromGraph;
    }

    private static int declaredWidth(Shape shape) {
        if (shape.isUnknown() || shape.numDimensions() != 2 || shape.size(1) <= 0) {
            return 0;
        }
        return (int) shape.size(1);
    }

    private static int widthFromMatMul(Output<?> input) {
        if (!(input.op() instanceof GraphOperation op)) {
            return 0;
        }
        for (GraphOperation consumer : op.consumers(input.index())) {
            if (!"MatMul".equals(consumer.type()) || consumer.attributes().getAttrBool("transpose_a")
                    || !consumer.input(0).equals(input)) {
                continue;
            }
            Shape weights = consumer.input(1).shape();
            if (!weights.isUnknown() && weights.numDimensions() == 2 && weights.size(0) > 0) {
                return (int) weights.size(0);
            }
        }
        return 0;
    }

    private static List<String> placeholders(Graph graph) {
        List<String> names = new ArrayList<>();
        Iterator<GraphOperation> ops = graph.operations();
        while (ops.hasNext()) {
            Operation op = ops.next();
            if ("Placeholder".equals(op.type())) {
                names.add(op.name());
            }
        }
        return names;
    }
}
