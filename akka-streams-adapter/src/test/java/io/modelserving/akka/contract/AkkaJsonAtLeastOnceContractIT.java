package io.modelserving.akka.contract;

import io.modelserving.contract.InstanceSettings;
import io.modelserving.contract.RecordFormat;
import io.modelserving.contract.ServingContract;
import io.modelserving.contract.ServingInstance;
import io.modelserving.kafka.DeliveryGuarantee;

/** The shared adapter contract on a real broker, Akka adapter, at-least-once, JSON in and JSON out. */
class AkkaJsonAtLeastOnceContractIT extends ServingContract {

    @Override
    protected ServingInstance start(InstanceSettings settings) {
        return AkkaServingInstance.start(settings);
    }

    @Override
    protected DeliveryGuarantee guarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    protected RecordFormat format() {
        return RecordFormat.JSON;
    }
}
