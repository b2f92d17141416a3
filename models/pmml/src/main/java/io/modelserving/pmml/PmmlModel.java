package io.modelserving.pmml;

import io.modelserving.Features;
import io.modelserving.Model;
import io.modelserving.ModelSignature;
import io.modelserving.Prediction;
import io.modelserving.pmml.internal.InputMapping;
import io.modelserving.pmml.internal.OutputMapping;
import io.modelserving.pmml.internal.PmmlSignature;
import io.modelserving.pmml.internal.SafeXml;
import io.modelserving.pmml.internal.ScoreDistributions;
import io.modelserving.pmml.internal.UnknownCategories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pmml4s.metadata.OutputField;
import org.w3c.dom.Document;

/**
 * A PMML regression or classification model, evaluated with pmml4s, scoring {@link Features} by name into
 * {@link Prediction}s. Thread-safe.
 *
 * <p>Each of the model's input fields (such as {@code "fixed acidity"} or {@code "fuel"}) is read from the
 * record's numeric feature of the same name, or else from its categorical feature of that name, which pmml4s
 * receives as the string it is. A record with unnamed values, or without one of the fields, fails with a
 * {@link PmmlModelException} naming what is missing (pmml4s itself would silently score a missing field as a
 * missing value).
 *
 * <p>A category the model does not know ({@code "hydrogen"} for a field whose values are {@code diesel},
 * {@code petrol} and {@code electric}; matching is case-sensitive) is, by PMML's default, an invalid value: the
 * record fails with a {@link PmmlModelException} naming the field, the value and the known values. A document
 * whose {@code MiningField} says {@code invalidValueTreatment="asIs"} or {@code "asMissing"} scores such a record
 * as the document describes instead. pmml4s takes a categorical field that declares no {@code Value}s to know only
 * the values the model itself mentions.
 *
 * <p>A regression gives {@link Prediction#value()}; a classification gives the predicted class as
 * the label (and as the value when it is a number, else its index among the classes) with the probability of
 * every class, in the order of the target field's values.
 *
 * <p>{@link #signature()} lists the input fields, then the target field and, for a classification, one
 * probability field per class; all scalars, typed as the document types them ({@code double}, {@code string}:
 * a field typed {@code string} takes a categorical feature).
 *
 * <p>Loading parses the document with DTDs refused and completes the class distributions of classification
 * trees (see {@code ScoreDistributions}), which pmml4s 0.9.15 otherwise scores wrongly.
 *
 * <pre>{@code
 * PmmlModel model = PmmlModel.load(Files.readAllBytes(Path.of("winequalityLinearRegression.pmml")));
 * model.inputNames();   // [fixed acidity, volatile acidity, chlorides, total sulfur dioxide, sulphates, alcohol]
 * Prediction quality = model.score(Features.of("wine", names, values));
 * Features car = Features.builder("car").number("engine size", 1.6).category("fuel", "diesel").build();
 * Prediction price = carPrices.score(car);
 * }</pre>
 */
public final class PmmlModel implements Model<Features, Prediction> {

    private final org.pmml4s.model.Model model;
    private final InputMapping inputs;
    private final UnknownCategories unknownCategories;
    private final OutputMapping outputs;
    private final List<String> classes;
    private final ModelSignature signature;

    private PmmlModel(org.pmml4s.model.Model model, List<String> classes, ModelSignature signature) {
        this.model = model;
        this.inputs = new InputMapping(Arrays.asList(model.inputNames()));
        this.unknownCategories = new UnknownCategories(model.inputFields());
        this.outputs = new OutputMapping(model.isClassification(), classes);
        this.classes = List.copyOf(classes);
        this.signature = signature;
    }

    /**
     * Loads a PMML document.
     *
     * @throws PmmlModelException when the bytes are not a PMML document pmml4s can evaluate, or the model is
     *                            neither a single-target regression nor a classification
     */
    public static PmmlModel load(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new PmmlModelException("The PMML model is empty (0 bytes)");
        }
        Document document = SafeXml.parse(bytes);
        String root = document.getDocumentElement().getLocalName();
        if (!"PMML".equals(root)) {
            throw new PmmlModelException("Not a PMML document: the root element is <" + root + ">, not <PMML>");
        }
        ScoreDistributions.complete(document);
        org.pmml4s.model.Model model = evaluator(SafeXml.write(document));
        if (model.multiTargets()) {
            throw new PmmlModelException("The PMML model predicts several targets " + Arrays.toString(model.targetNames())
                    + "; only single-target models are served");
        }
        List<String> classes = new ArrayList<>();
        List<OutputField> fields = new ArrayList<>();
        fields.add(OutputField.predictedValue(model));
        if (model.isClassification()) {
            for (Object value : model.classes()) {
                classes.add(String.valueOf(value));
                fields.add(OutputField.probability(value));
            }
        } else if (!model.isRegression()) {
            throw new PmmlModelException("The PMML document holds a " + model.modelElement() + " (target type "
                    + model.opType() + "); only regression and classification models are served");
        }
        // Read before our own output fields replace the document's, whose probability names it keeps.
        ModelSignature signature = PmmlSignature.of(model, classes);
        // Our own output fields, so results are read the same way whatever the file's Output element lists.
        model.setOutputFields(fields.toArray(OutputField[]::new));
        return new PmmlModel(model, classes, signature);
    }

    private static org.pmml4s.model.Model evaluator(byte[] pmml) {
        try {
            return org.pmml4s.model.Model.fromBytes(pmml);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            // pmml4s reports a document it cannot read with Scala errors of many kinds (MatchError, NotImplementedError)
            throw new PmmlModelException("pmml4s cannot load this PMML model: " + t, t);
        }
    }

    /** The fields every record must carry, by name. */
    public List<String> inputNames() {
        return inputs.fields();
    }

    public boolean isClassification() {
        return model.isClassification();
    }

    /** The classes of a classification, in the target field's order; empty for a regression. */
    public List<String> classes() {
        return classes;
    }

    /** The name of the field the model predicts. */
    public String targetName() {
        return model.targetName();
    }

    /** The input fields, then the target and (for a classification) one probability per class. */
    @Override
    public Optional<ModelSignature> signature() {
        return Optional.of(signature);
    }

    @Override
    public Prediction score(Features record) {
        Object[] values = inputs.values(record);
        Object[] result = (Object[]) model.predict((Object) values);
        if (OutputMapping.gaveNoPrediction(result)) {
            unknownCategories.check(values);
        }
        return outputs.prediction(result);
    }

    @Override
    public String toString() {
        return "PmmlModel[" + model.modelElement() + ", target=" + targetName() + ", inputs=" + inputNames() + "]";
    }
}
