package io.modelserving.contract;

/** Placeholder while the scenarios are written; see the package documentation. */
public abstract class ServingContract {

    /** Starts one instance of the adapter under test. */
    protected abstract ServingInstance start(InstanceSettings settings) throws Exception;
}
