package io.modelserving.kafkastreams;

import io.modelserving.contract.InstanceSettings;
import io.modelserving.contract.RecordFormat;
import io.modelserving.contract.ServingContract;
import io.modelserving.contract.ServingInstance;
import io.modelserving.kafka.DeliveryGuarantee;

/** The shared serving contract on Kafka Streams with {@code at_least_once}, JSON in and JSON out. */
class KafkaStreamsJsonAtLeastOnceIT extends ServingContract {

    @Override
    protected DeliveryGuarantee guarantee() {
        return DeliveryGuarantee.AT_LEAST_ONCE;
    }

    @Override
    protected RecordFormat format() {
        return RecordFormat.JSON;
    }

    @Override
    protected ServingInstance start(InstanceSettings settings) {
        return new StreamsServingInstance(settings);
    }
}
