package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServingTopicsTest {

    @Test
    void defaultsAndCopies() {
        ServingTopics defaults = ServingTopics.defaults();
        assertThat(defaults.data()).isEqualTo("modelserving-data");
        assertThat(defaults.models()).isEqualTo("modelserving-models");
        assertThat(defaults.scored()).isEqualTo("modelserving-scored");
        assertThat(defaults.deadLetters()).isEqualTo("modelserving-dead-letters");
        ServingTopics changed = defaults.withData("d").withModels("m").withScored("s").withDeadLetters("x");
        assertThat(changed).isEqualTo(ServingTopics.of("d", "m", "s", "x"));
        assertThat(defaults.data()).isEqualTo("modelserving-data");
        assertThat(ServingTopics.prefixed("t1-").scored()).isEqualTo("t1-modelserving-scored");
    }

    @Test
    void illegalNamesAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> ServingTopics.defaults().withScored("has space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'has space'")
                .hasMessageContaining("scored");
        assertThatThrownBy(() -> ServingTopics.defaults().withData("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServingTopics.defaults().withModels(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServingTopics.defaults().withDeadLetters("x".repeat(250)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
