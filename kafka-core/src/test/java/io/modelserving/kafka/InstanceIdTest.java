package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"scorer-1", "a.b_c-9", "A", "0"})
    void acceptsLettersDigitsDotsUnderscoresAndDashes(String value) {
        InstanceId id = InstanceId.of(value);
        assertThat(id.value()).isEqualTo(value);
        assertThat(id).hasToString(value).isEqualTo(new InstanceId(value));
    }

    @Test
    void acceptsTheLongestAllowedId() {
        String longest = "x".repeat(InstanceId.MAX_LENGTH);
        assertThat(longest).hasSize(200);
        assertThat(InstanceId.of(longest).value()).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "pod/1", "é", "scorer-1\n"})
    void rejectsIllegalIdsNamingTheValue(String value) {
        assertThatThrownBy(() -> InstanceId.of(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void rejectsAnIdOneCharacterTooLongNamingTheValue() {
        String tooLong = "x".repeat(InstanceId.MAX_LENGTH + 1);
        assertThatThrownBy(() -> InstanceId.of(tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + tooLong + "'");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> InstanceId.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("value");
    }

    @Test
    void transactionalIdIsThePrefixDashTheId() {
        InstanceId id = InstanceId.of("scorer-1");
        assertThat(id.transactionalId("wine-tx")).isEqualTo("wine-tx-scorer-1");
        assertThat(id.transactionalId("wine-tx")).isEqualTo(InstanceId.of("scorer-1").transactionalId("wine-tx"));
        assertThat(InstanceId.of("scorer-2").transactionalId("wine-tx")).isNotEqualTo(id.transactionalId("wine-tx"));
    }
}
