package io.modelserving.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.testkit.TestModels;
import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.kafka.DeliveryGuarantee;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TopologyWithPropertiesTest {

    private final ModelProcessor<Features, Prediction> processor = ModelProcessor.<Features, Prediction>builder().factories(TestModels.factories()).build();

    @Test
    void buildsTheSameTopologyWithTheApplicationsProperties() {
        Properties props = ModelServingStreams.properties("app", "localhost:9092", DeliveryGuarantee.EXACTLY_ONCE);

        String withProps = ModelServingStreams.topology(ServingConfig.forFeatures(processor), props)
                .topology().describe().toString();
        String without = ModelServingStreams.topology(ServingConfig.forFeatures(processor))
                .topology().describe().toString();

        assertThat(withProps).isEqualTo(without).contains("modelserving-models", "modelserving-score");
    }

    @Test
    void propertiesWithoutAnApplicationIdAreRefused() {
        assertThatThrownBy(() -> ModelServingStreams.topology(ServingConfig.forFeatures(processor), new Properties()))
                .hasMessageContaining("application.id");
    }
}
