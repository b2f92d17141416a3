package io.modelserving.testkit.internal;

import io.modelserving.testkit.EmbeddedKafkaException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Writes records with a short-lived producer and waits for every acknowledgement. */
public final class Producing {

    private Producing() {
    }

    public static List<RecordMetadata> sendAll(Properties producerProperties,
                                               Collection<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties)) {
            for (ProducerRecord<byte[], byte[]> record : records) {
                futures.add(producer.send(record));
            }
            producer.flush();
            List<RecordMetadata> acknowledged = new ArrayList<>(futures.size());
            for (Future<RecordMetadata> future : futures) {
                acknowledged.add(future.get());
            }
            return acknowledged;
        } catch (ExecutionException e) {
            throw new EmbeddedKafkaException("Writing records failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("Interrupted while writing records", e);
        }
    }
}
