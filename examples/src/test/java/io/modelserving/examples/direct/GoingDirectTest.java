package io.modelserving.examples.direct;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.ActorSystem;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.ScoredRecord;
import io.modelserving.ScoringResult;
import io.modelserving.akka.javadsl.ModelServing;
import io.modelserving.akka.javadsl.ServingSettings;
import io.modelserving.examples.wine.Wine;
import io.modelserving.examples.wine.WineGenerator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Serving without Kafka: records and models from plain Akka Streams sources. */
class GoingDirectTest {

    private static ActorSystem system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create("going-direct");
    }

    @AfterAll
    static void stop() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void scoresRecordsFromAnySourceWithModelsFromAnySource() throws Exception {
        List<Features> wines = new WineGenerator(3).rows(200).stream()
                .map(row -> Features.of(Wine.DATA_TYPE, Wine.FEATURES, row.features()))
                .toList();

        // tag::akka-direct[]
        ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().build();
        Source<ModelDescriptor, ?> models = Source.single(ModelDescriptor.builder("thumb", "wine", "rule-of-thumb")
                .bytes("5.5".getBytes(StandardCharsets.UTF_8))
                .build());
        List<ScoredRecord<Features, Prediction>> scored = Source.from(wines)    // or HTTP requests, a file, …
                .via(ModelServing.flow(models, processor, Features::dataType, ServingSettings.create(system)))
                .runWith(Sink.seq(), system)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        // end::akka-direct[]

        assertThat(scored).hasSize(wines.size());
        for (int i = 0; i < wines.size(); i++) {
            ScoredRecord<Features, Prediction> record = scored.get(i);
            assertThat(record.input()).isSameAs(wines.get(i));
            double expected = 5.5 + 0.3 * (wines.get(i).get("alcohol") - 10);
            assertThat(((ScoringResult.Scored<Prediction>) record.result()).value().value()).isEqualTo(expected);
            assertThat(record.result().modelInfo().orElseThrow().name()).isEqualTo("thumb");
        }
    }
}
