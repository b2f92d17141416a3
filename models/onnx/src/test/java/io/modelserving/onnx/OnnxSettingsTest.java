package io.modelserving.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxSettingsTest {

    @Test
    void defaultsUseOneThreadEachAndAllOptimizations() {
        OnnxSettings defaults = OnnxSettings.defaults();
        assertThat(defaults.intraOpThreads()).isEqualTo(1);
        assertThat(defaults.interOpThreads()).isEqualTo(1);
        assertThat(defaults.optimization()).isEqualTo(OnnxOptimization.ALL);
        assertThat(defaults.featureNames()).isEmpty();
        assertThat(new OnnxModelFactory().settings()).isSameAs(defaults);
        assertThat(new OnnxModelFactory().modelType()).isEqualTo("onnx");
    }

    @Test
    void withersReturnChangedCopies() {
        OnnxSettings changed = OnnxSettings.defaults().withIntraOpThreads(2).withInterOpThreads(0)
                .withOptimization(OnnxOptimization.BASIC).withFeatureNames(List.of("a")).withClassLabels(List.of("x", "y"));
        assertThat(changed.intraOpThreads()).isEqualTo(2);
        assertThat(changed.interOpThreads()).isZero();
        assertThat(changed.optimization()).isEqualTo(OnnxOptimization.BASIC);
        assertThat(changed.featureNames()).containsExactly("a");
        assertThat(changed.classLabels()).containsExactly("x", "y");
        assertThat(OnnxSettings.defaults().intraOpThreads()).isEqualTo(1);
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        assertThatThrownBy(() -> OnnxSettings.defaults().withIntraOpThreads(-3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("intraOpThreads").hasMessageContaining("-3");
        assertThatThrownBy(() -> OnnxSettings.defaults().withInterOpThreads(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("interOpThreads");
        assertThatThrownBy(() -> OnnxSettings.defaults().withFeatureNames(List.of("a", "b", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'a' is given twice");
        assertThatThrownBy(() -> OnnxSettings.defaults().withClassLabels(List.of("ok", " ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
    }

    @Test
    void everyOptimizationLevelLoadsAndScores() throws Exception {
        for (OnnxOptimization level : OnnxOptimization.values()) {
            try (OnnxModel model = OnnxModel.load(OnnxGraphs.linear(new float[] {2f}, 1f),
                    OnnxSettings.defaults().withOptimization(level).withIntraOpThreads(2))) {
                assertThat(model.score(io.modelserving.Features.positional("t", 3)).value()).as(level.name()).isEqualTo(7.0);
            }
        }
    }
}
