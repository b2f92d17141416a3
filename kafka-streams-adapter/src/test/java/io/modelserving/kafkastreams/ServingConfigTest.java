package io.modelserving.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.modelserving.Features;
import io.modelserving.ModelProcessor;
import io.modelserving.Prediction;
import io.modelserving.kafka.NoModelPolicy;
import io.modelserving.kafka.ServingListener;
import io.modelserving.kafka.ServingTopics;
import io.modelserving.micrometer.ServingMetrics;
import io.modelserving.testkit.TestModels;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every {@code withX} of {@link ServingConfig} changes its own field and no other. */
class ServingConfigTest {

    private final ModelProcessor<Features, Prediction> processor =
            ModelProcessor.<Features, Prediction>builder().factories(TestModels.factories()).build();
    private final ServingConfig<Features, Prediction> config = ServingConfig.forFeatures(processor);

    private static Map<String, Object> fields(ServingConfig<?, ?> c) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("spec", c.spec());
        fields.put("topics", c.topics());
        fields.put("noModelPolicy", c.noModelPolicy());
        fields.put("noModelWait", c.noModelWait());
        fields.put("metrics", c.metrics());
        fields.put("listener", c.listener());
        fields.put("modelDeadLetterInterval", c.modelDeadLetterInterval());
        fields.put("maxOutputBytes", c.maxOutputBytes());
        return fields;
    }

    private void changesOnly(UnaryOperator<ServingConfig<Features, Prediction>> with, String changed) {
        Map<String, Object> before = fields(config);
        Map<String, Object> after = fields(with.apply(config));
        Set<String> differs = new TreeSet<>();
        before.forEach((name, value) -> {
            if (!value.equals(after.get(name))) {
                differs.add(name);
            }
        });
        assertThat(differs).containsExactly(changed);
    }

    @Test
    void eachWithChangesOneField() {
        changesOnly(c -> c.withTopics(ServingTopics.prefixed("p-")), "topics");
        changesOnly(c -> c.withNoModelPolicy(NoModelPolicy.DEAD_LETTER), "noModelPolicy");
        changesOnly(c -> c.withNoModelWait(Duration.ofSeconds(3)), "noModelWait");
        changesOnly(c -> c.withMetrics(new ServingMetrics(new SimpleMeterRegistry())), "metrics");
        changesOnly(c -> c.withListener(new ServingListener() {
        }), "listener");
        changesOnly(c -> c.withModelDeadLetterInterval(Duration.ofSeconds(1)), "modelDeadLetterInterval");
        changesOnly(c -> c.withMaxOutputBytes(5_000), "maxOutputBytes");
    }

    @Test
    void defaultsAndBadValues() {
        assertThat(config.noModelPolicy()).isEqualTo(NoModelPolicy.WAIT);
        assertThat(config.noModelWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxOutputBytes()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> config.withNoModelWait(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> config.withMaxOutputBytes(10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10");
    }
}
