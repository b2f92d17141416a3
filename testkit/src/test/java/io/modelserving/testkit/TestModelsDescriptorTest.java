package io.modelserving.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.Features;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelPayload;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestModelsDescriptorTest {

    @Test
    void constantCarriesTheNumberAsText() {
        ModelDescriptor d = TestModels.constant("m1", "wine", 1.5);

        assertThat(d.name()).isEqualTo("m1");
        assertThat(d.dataType()).isEqualTo("wine");
        assertThat(d.modelType()).isEqualTo("constant");
        assertThat(text(d)).isEqualTo("1.5");
    }

    @Test
    void slowCarriesMillisAndValue() {
        assertThat(text(TestModels.slow("s", "wine", Duration.ofMillis(250), 3.0))).isEqualTo("250:3.0");
        assertThatThrownBy(() -> TestModels.slow("s", "wine", Duration.ofMillis(-1), 3.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
    }

    @Test
    void failingVariantsCarryTheirMode() {
        assertThat(text(TestModels.failing("f", "wine"))).isEqualTo("score");
        assertThat(text(TestModels.failingOnLoad("f", "wine"))).isEqualTo("load");
        assertThat(text(TestModels.failingOnNegative("f", "wine"))).isEqualTo("negative");
    }

    @Test
    void featuresArePositional() {
        Features f = TestModels.features("wine", 1, 2);

        assertThat(f.dataType()).isEqualTo("wine");
        assertThat(f.hasNames()).isFalse();
        assertThat(f.values()).containsExactly(1, 2);
    }

    private static String text(ModelDescriptor d) {
        return new String(((ModelPayload.Bytes) d.payload()).data(), UTF_8);
    }
}
