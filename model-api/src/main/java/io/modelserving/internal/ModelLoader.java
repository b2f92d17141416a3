package io.modelserving.internal;

import io.modelserving.Ensemble;
import io.modelserving.EnsembleDecider;
import io.modelserving.Model;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelInfo;
import io.modelserving.ModelLimits;
import io.modelserving.ModelRole;
import io.modelserving.ModelServingException;
import io.modelserving.spi.ModelFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes models from descriptors the way every model is made, whatever its role: by its type's factory, from content
 * within the limits, warmed up on a sample record, all within the load timeout.
 */
public final class ModelLoader<I, O> {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLoader.class);

    private final Map<String, ModelFactory> factories;
    private final ModelLimits limits;
    private final Function<String, Optional<I>> warmUpRecord;
    private final Duration loadTimeout;
    private final Map<String, EnsembleDecider<O>> deciders;

    public ModelLoader(Map<String, ModelFactory> factories, ModelLimits limits,
                       Function<String, Optional<I>> warmUpRecord, Duration loadTimeout,
                       Map<String, EnsembleDecider<O>> deciders) {
        this.factories = factories;
        this.limits = limits;
        this.warmUpRecord = warmUpRecord;
        this.loadTimeout = loadTimeout;
        this.deciders = deciders;
    }

    /**
     * Creates and warms up the model of {@code descriptor} ({@code what}, for messages) within the load timeout.
     *
     * @throws Exception why the model was not made
     */
    public Model<I, O> load(ModelDescriptor descriptor, String what) throws Exception {
        return DeadlineLoader.load(() -> create(descriptor), loadTimeout, what);
    }

    /** Loads every member of an ensemble, or none: a member that fails rejects the whole ensemble. */
    public ServedEnsemble<I, O> loadEnsemble(ModelDescriptor descriptor, ModelInfo info) {
        Ensemble ensemble = descriptor.ensemble();
        EnsembleDecider<O> decider = deciders.get(ensemble.decider());
        if (decider == null) {
            throw new ModelServingException("unknown ensemble decider '" + ensemble.decider() + "'; deciders: "
                    + deciders.keySet());
        }
        List<ServedModel<I, O>> members = new ArrayList<>();
        try {
            for (ModelDescriptor member : ensemble.members()) {
                ModelInfo memberInfo = member.info(info.since()).as(ModelRole.ENSEMBLE, info.since());
                try {
                    Model<I, O> model = load(member, "ensemble member " + memberInfo.label());
                    members.add(new ServedModel<>(model, memberInfo, 0, ""));
                } catch (Exception e) {
                    throw new ModelServingException("ensemble member " + memberInfo.label() + ": "
                            + (e instanceof ModelServingException ? e.getMessage() : Failures.reason(e)), e);
                }
            }
        } catch (RuntimeException e) {
            members.forEach(ServedModel::release);
            throw e;
        }
        return new ServedEnsemble<>(info, members, ensemble.decider(), decider, ensemble.deadline());
    }

    @SuppressWarnings("unchecked")
    private Model<I, O> create(ModelDescriptor descriptor) throws Exception {
        ModelFactory factory = factories.get(descriptor.modelType());
        if (factory == null) {
            throw new ModelServingException("No model factory for model type '" + descriptor.modelType()
                    + "'; known types: " + factories.keySet());
        }
        Model<I, O> model = (Model<I, O>) factory.create(descriptor, new GuardedModelSource(descriptor, limits));
        if (model == null) {
            throw new ModelServingException("Factory for '" + descriptor.modelType() + "' returned no model");
        }
        Optional<I> sample = warmUpRecord.apply(descriptor.dataType());
        if (sample.isPresent()) {
            try {
                if (model.score(sample.get()) == null) {
                    throw new ModelServingException("warm-up scoring returned null");
                }
            } catch (Throwable t) {
                closeQuietly(model);
                throw new ModelServingException("Warm-up failed: " + Failures.reason(t), t);
            }
        }
        return model;
    }

    public static void closeQuietly(Model<?, ?> model) {
        try {
            model.close();
        } catch (Exception e) {
            LOG.debug("Closing a rejected model failed", e);
        }
    }
}
