package io.modelserving.kafkastreams;

import io.modelserving.contract.InstanceSettings;
import io.modelserving.contract.ServingContract;
import io.modelserving.contract.ServingInstance;
import io.modelserving.kafka.DeliveryGuarantee;

/** The shared serving contract on Kafka Streams with {@code at_least_once}, the adapter's default. */
class KafkaStreamsAtLeastOnceIT extends ServingContract {

    @Override
    protected DeliveryGuarantee guarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    protected ServingInstance start(InstanceSettings settings) {
        return new StreamsServingInstance(settings);
    }
}
