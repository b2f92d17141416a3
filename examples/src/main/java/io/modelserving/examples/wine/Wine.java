package io.modelserving.examples.wine;

import java.util.List;

/** The red-wine data set's shape: eleven physico-chemical measurements, then the quality score. */
public final class Wine {

    /** The feature names as the tutorial's PMML models spell them, in the CSV's column order. */
    public static final List<String> FEATURES = List.of("fixed acidity", "volatile acidity", "citric acid",
            "residual sugar", "chlorides", "free sulfur dioxide", "total sulfur dioxide", "density", "pH",
            "sulphates", "alcohol");

    /** The data type the examples publish and serve. */
    public static final String DATA_TYPE = "wine";

    private Wine() {
    }
}
