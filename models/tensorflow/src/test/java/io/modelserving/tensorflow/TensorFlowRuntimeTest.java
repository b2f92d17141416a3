package io.modelserving.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** TensorFlow's native libraries unpack where configured, never into the home directory. */
class TensorFlowRuntimeTest {

    @Test
    void nativeLibrariesUnpackIntoTheConfiguredFolderNotTheHomeDirectory() throws Exception {
        String configured = System.getProperty(TensorFlowRuntime.CACHE_DIR_PROPERTY);
        assumeTrue(configured != null, "run by Maven, which sets the cache folder under target/");
        TensorFlowGraphModel.load(TestGraphs.classifier(true), TestGraphs.classifierSettings()).close();

        Path cache = Loader.getCacheDir().toPath().toAbsolutePath().normalize();
        assertThat(cache).isEqualTo(Path.of(configured).toAbsolutePath().normalize());
        assertThat(cache).isEqualTo(TensorFlowRuntime.nativeCache());
        assertThat(cache).isNotEqualTo(Path.of(System.getProperty("user.home"), ".javacpp", "cache"));
        assertThat(cache.toString()).contains("target");
    }

    @Test
    void refusesToMoveTheCacheOnceModelsLoaded() {
        TensorFlowRuntime.nativeCache();
        Path elsewhere = Path.of(System.getProperty("java.io.tmpdir"), "another-native-cache");
        assertThatThrownBy(() -> TensorFlowRuntime.useNativeCache(elsewhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the first model loads");
        TensorFlowRuntime.useNativeCache(TensorFlowRuntime.nativeCache());
    }
}
