package io.modelserving.pmml.internal;

import io.modelserving.pmml.PmmlModelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pmml4s.metadata.Field;

/**
 * Names the categories a model does not know, once pmml4s has given no prediction for a record.
 *
 * <p>pmml4s treats a value outside a categorical string field's values as invalid and, unless the document's
 * {@code MiningField} asks for {@code invalidValueTreatment="asIs"} or {@code "asMissing"}, gives no prediction at
 * all. When the field declares no {@code Value}s, pmml4s takes the values the model itself mentions (in its
 * predicates, say) as the only valid ones. Saying which value of which field is unknown lets a producer fix it.
 */
public final class UnknownCategories {

    /** Per input field, in the model's order: the values pmml4s accepts; null unless it is a categorical string. */
    private final List<Set<String>> known;
    private final List<String> names;

    public UnknownCategories(Field[] inputs) {
        List<Set<String>> known = new ArrayList<>(inputs.length);
        List<String> names = new ArrayList<>(inputs.length);
        for (Field field : inputs) {
            names.add(field.name());
            known.add(field.isString() && field.isCategorical() && field.validValues().length > 0
                    ? valid(field) : null);
        }
        this.known = Collections.unmodifiableList(known);
        this.names = List.copyOf(names);
    }

    /**
     * Throws naming every string value among {@code values} (in the input fields' order) that its field does not
     * know; returns when there is none, the reason for the missing prediction being elsewhere.
     */
    public void check(Object[] values) {
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            Set<String> valid = known.get(i);
            if (valid != null && values[i] instanceof String value && !valid.contains(value)) {
                unknown.add("'" + names.get(i) + "' is '" + value + "', not one of the values the model knows "
                        + valid);
            }
        }
        if (!unknown.isEmpty()) {
            throw new PmmlModelException("The PMML model gave no prediction for this record: its "
                    + String.join("; its ", unknown));
        }
    }

    private static Set<String> valid(Field field) {
        Set<String> values = new LinkedHashSet<>();
        for (Object value : field.validValues()) {
            values.add(String.valueOf(value));
        }
        return Collections.unmodifiableSet(values);
    }
}
