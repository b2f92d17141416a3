package io.modelserving.akka.contract;

import io.modelserving.contract.InstanceSettings;
import io.modelserving.contract.ServingContract;
import io.modelserving.contract.ServingInstance;
import io.modelserving.kafka.DeliveryGuarantee;

/**
 * The shared adapter contract on a real broker, Akka adapter, at-most-once (the original talk's source): the
 * contract's restart is graceful, and a drained stop loses nothing even at most once.
 */
class AkkaAtMostOnceContractIT extends ServingContract {

    @Override
    protected ServingInstance start(InstanceSettings settings) {
        return AkkaServingInstance.start(settings);
    }

    @Override
    protected DeliveryGuarantee guarantee() {
        return DeliveryGuarantee.AT_MOST_ONCE;
    }
}
