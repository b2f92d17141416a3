package io.modelserving.pmml.internal;

import io.modelserving.ModelSignature;
import java.util.ArrayList;
import java.util.List;
import org.pmml4s.common.DataType;
import org.pmml4s.metadata.Field;
import org.pmml4s.metadata.OutputField;
import org.pmml4s.model.Model;

/**
 * A PMML model's signature: its input fields, then what a prediction carries, the target field and, for a
 * classification, one probability per class. Fields are scalars (no shape) typed with PMML's data type names
 * ({@code double}, {@code string}, {@code integer}, ...).
 *
 * <p>A probability keeps the name the document's own {@code Output} gives it ({@code probability(5)} in files
 * written by JPMML); without one, the name pmml4s gives the output it derives ({@code probability_5}).
 */
public final class PmmlSignature {

    private static final String PROBABILITY = "probability";

    private PmmlSignature() {
    }

    /**
     * Reads the signature; call it before replacing the model's output fields, whose names it looks up.
     *
     * @param classes the classes of a classification, in the target field's order; empty for a regression
     */
    public static ModelSignature of(Model model, List<String> classes) {
        List<ModelSignature.Field> inputs = new ArrayList<>();
        for (Field field : model.inputFields()) {
            inputs.add(scalar(field.name(), field.dataType()));
        }
        List<ModelSignature.Field> outputs = new ArrayList<>();
        for (Field target : model.targetFields()) {
            outputs.add(scalar(target.name(), target.dataType()));
        }
        OutputField[] declared = model.outputFields();
        for (String value : classes) {
            outputs.add(probability(declared, value));
        }
        return new ModelSignature(inputs, outputs);
    }

    private static ModelSignature.Field probability(OutputField[] declared, String value) {
        for (OutputField field : declared) {
            if (PROBABILITY.equals(field.feature().toString()) && field.value().isDefined()
                    && value.equals(String.valueOf(field.value().get()))) {
                return scalar(field.name(), field.dataType());
            }
        }
        return new ModelSignature.Field(PROBABILITY + "_" + value, "double", List.of());
    }

    private static ModelSignature.Field scalar(String name, DataType type) {
        return new ModelSignature.Field(name, typeName(type), List.of());
    }

    // pmml4s types the outputs it derives itself as "real", a name of its own rather than a PMML data type;
    // the values are doubles.
    private static String typeName(DataType type) {
        String name = String.valueOf(type);
        return "real".equals(name) ? "double" : name;
    }
}
