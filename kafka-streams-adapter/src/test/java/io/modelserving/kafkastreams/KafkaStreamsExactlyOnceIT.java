package io.modelserving.kafkastreams;

import io.modelserving.contract.InstanceSettings;
import io.modelserving.contract.ServingContract;
import io.modelserving.contract.ServingInstance;
import io.modelserving.kafka.DeliveryGuarantee;

/** The shared serving contract on Kafka Streams with {@code exactly_once_v2}: no duplicate after a restart. */
class KafkaStreamsExactlyOnceIT extends ServingContract {

    @Override
    protected DeliveryGuarantee guarantee() {
        return DeliveryGuarantee.EXACTLY_ONCE;
    }

    /** Roles and ensembles at exactly-once too: a Kafka Streams instance stops without waiting out a commit. */
    @Override
    protected boolean runsRoleScenarios() {
        return true;
    }

    @Override
    protected ServingInstance start(InstanceSettings settings) {
        return new StreamsServingInstance(settings);
    }
}
