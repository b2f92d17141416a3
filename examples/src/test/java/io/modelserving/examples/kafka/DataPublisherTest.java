package io.modelserving.examples.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineGenerator;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/** A publisher never reports records the broker did not take. */
class DataPublisherTest {

    @Test
    void failsSayingHowManyTheBrokerAcknowledged() {
        // No broker on port 1: the first send gives up waiting for metadata.
        KafkaConnection nowhere = KafkaConnection.of("127.0.0.1:1").withProperties(Map.of("max.block.ms", "300"));
        try (KafkaProducer<String, byte[]> producer = Clients.producer(nowhere)) {
            DataPublisher publisher = new DataPublisher(producer, "wine-data", Wine.DATA_TYPE, 0);

            assertThatThrownBy(() -> publisher.publish(new WineGenerator(1).rows(3), 0, 3, n -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the broker acknowledged 0 of 1 records sent to wine-data: ");
        }
    }
}
