package io.modelserving.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryGuaranteeTest {

    @Test
    void parsesKafkaAndEnumSpellings() {
        assertThat(DeliveryGuarantee.parse("exactly_once_v2")).isEqualTo(DeliveryGuarantee.EXACTLY_ONCE);
        assertThat(DeliveryGuarantee.parse("At-Least-Once")).isEqualTo(DeliveryGuarantee.AT_LEAST_ONCE);
        assertThat(DeliveryGuarantee.parse(" at_most_once ")).isEqualTo(DeliveryGuarantee.AT_MOST_ONCE);
        assertThatThrownBy(() -> DeliveryGuarantee.parse("twice")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'twice'");
    }

    @Test
    void waitTimeoutMustBePositive() {
        assertThat(NoModelPolicy.checkWaitTimeout(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> NoModelPolicy.checkWaitTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
        assertThatThrownBy(() -> NoModelPolicy.checkWaitTimeout(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DeadLetterKind.fromHeader("model-undecodable")).contains(DeadLetterKind.MODEL_UNDECODABLE);
        assertThat(DeadLetterKind.MODEL_REJECTED.isModel()).isTrue();
        assertThat(DeadLetterKind.NO_MODEL.isModel()).isFalse();
    }
}
