package io.modelserving.pmml;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.w3c.dom.Element;

/**
 * An independent forward pass of a PMML NeuralNetwork whose inputs are plain field references, written for
 * the tests: weighted sums plus bias, the layer's activation, then the layer's normalization.
 */
final class NeuralNetworkEvaluator {

    private final Element network;

    NeuralNetworkEvaluator(Element network) {
        this.network = network;
    }

    Map<String, Double> probabilities(ToDoubleFunction<String> field) {
        Map<String, Double> values = new HashMap<>();
        for (Element input : PmmlDom.children(PmmlDom.child(network, "NeuralInputs"), "NeuralInput")) {
            Element ref = PmmlDom.child(PmmlDom.child(input, "DerivedField"), "FieldRef");
            values.put(input.getAttribute("id"), field.applyAsDouble(ref.getAttribute("field")));
        }
        for (Element layer : PmmlDom.children(network, "NeuralLayer")) {
            String activation = layer.hasAttribute("activationFunction") ? layer.getAttribute("activationFunction")
                    : network.getAttribute("activationFunction");
            Map<String, Double> outputs = new LinkedHashMap<>();
            for (Element neuron : PmmlDom.children(layer, "Neuron")) {
                double z = neuron.hasAttribute("bias") ? Double.parseDouble(neuron.getAttribute("bias")) : 0;
                for (Element con : PmmlDom.children(neuron, "Con")) {
                    z += Double.parseDouble(con.getAttribute("weight")) * values.get(con.getAttribute("from"));
                }
                outputs.put(neuron.getAttribute("id"), activate(activation, z));
            }
            String normalization = layer.getAttribute("normalizationMethod");
            if ("softmax".equals(normalization)) {
                double total = outputs.values().stream().mapToDouble(Math::exp).sum();
                outputs.replaceAll((id, z) -> Math.exp(z) / total);
            } else if (!normalization.isEmpty() && !"none".equals(normalization)) {
                throw new IllegalArgumentException("normalization " + normalization);
            }
            values.putAll(outputs);
        }
        Map<String, Double> probabilities = new LinkedHashMap<>();
        List<Element> outputs = PmmlDom.children(PmmlDom.child(network, "NeuralOutputs"), "NeuralOutput");
        for (Element output : outputs) {
            Element discrete = PmmlDom.child(PmmlDom.child(output, "DerivedField"), "NormDiscrete");
            probabilities.put(discrete.getAttribute("value"), values.get(output.getAttribute("outputNeuron")));
        }
        return probabilities;
    }

    private static double activate(String function, double z) {
        return switch (function) {
            case "logistic" -> 1 / (1 + Math.exp(-z));
            case "identity" -> z;
            case "tanh" -> Math.tanh(z);
            case "rectifier" -> Math.max(0, z);
            default -> throw new IllegalArgumentException("activation " + function);
        };
    }
}
