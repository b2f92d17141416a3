package io.modelserving.tensorflow;

import java.util.List;

/**
 * A dense network computed in plain Java, independently of TensorFlow: each layer is
 * {@code activation(x · kernel + bias)}, ReLU on hidden layers and a sigmoid on the last.
 */
record DenseNetwork(List<Layer> layers) {

    /** One layer; {@code kernel[i][j]} connects input i to unit j. */
    record Layer(float[][] kernel, float[] bias) {
        static Layer of(float[] flatKernel, int inputs, float[] bias) {
            int units = bias.length;
            if (flatKernel.length != inputs * units) {
                throw new IllegalArgumentException("kernel of " + flatKernel.length + " values is not "
                        + inputs + " x " + units);
            }
            float[][] kernel = new float[inputs][units];
            for (int i = 0; i < inputs; i++) {
                System.arraycopy(flatKernel, i * units, kernel[i], 0, units);
            }
            return new Layer(kernel, bias);
        }
    }

    double[] outputs(double[] features) {
        double[] x = features;
        for (int l = 0; l < layers.size(); l++) {
            Layer layer = layers.get(l);
            double[] y = new double[layer.bias().length];
            for (int j = 0; j < y.length; j++) {
                double sum = layer.bias()[j];
                for (int i = 0; i < x.length; i++) {
                    sum += (float) x[i] * layer.kernel()[i][j];
                }
                y[j] = l == layers.size() - 1 ? 1 / (1 + Math.exp(-sum)) : Math.max(0, sum);
            }
            x = y;
        }
        return x;
    }

    static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
