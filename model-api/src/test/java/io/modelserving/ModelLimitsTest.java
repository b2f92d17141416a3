package io.modelserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelserving.internal.GuardedModelSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelLimitsTest {

    @TempDir
    Path temp;

    private ModelProcessor<Features, Prediction> processor(ModelLimits limits) {
        return ModelProcessor.<Features, Prediction>builder().factories(TestFactories.all()).limits(limits).build();
    }

    @Test
    void oversizedInlineModelIsRejected() {
        ModelProcessor<Features, Prediction> p = processor(ModelLimits.defaults().withMaxModelBytes(3));

        ModelUpdate update = p.update(TestFactories.offset("big", "wine", 12345));

        assertThat(update.accepted()).isFalse();
        assertThat(update.reason()).contains("over the limit of 3");
    }

    @Test
    void locationsAreRefusedUnlessAllowed() throws Exception {
        Path model = Files.writeString(temp.resolve("m.txt"), "5");

        ModelUpdate update = processor(ModelLimits.defaults()).update(location("m", model.toString()));

        assertThat(update.accepted()).isFalse();
        assertThat(update.reason()).contains("no allowed model directories");
    }

    @Test
    void locationInsideAnAllowedDirectoryIsRead() throws Exception {
        Path allowed = Files.createDirectory(temp.resolve("models"));
        Path model = Files.writeString(allowed.resolve("m.txt"), "5");
        ModelProcessor<Features, Prediction> p = processor(ModelLimits.defaults().withAllowedDirectories(allowed));

        assertThat(p.update(location("m", model.toString())).accepted()).isTrue();
        ScoringResult<Prediction> result = p.scorer(Features::dataType).score(TestFactories.features("wine", 1));
        assertThat(((ScoringResult.Scored<Prediction>) result).value().value()).isEqualTo(6);
    }

    @Test
    void escapesFromTheAllowedDirectoryAreRefused() throws Exception {
        Path allowed = Files.createDirectory(temp.resolve("models"));
        Path outside = Files.writeString(temp.resolve("secret.txt"), "5");
        Path link = Files.createSymbolicLink(allowed.resolve("link.txt"), outside);
        ModelProcessor<Features, Prediction> p = processor(ModelLimits.defaults().withAllowedDirectories(allowed));

        ModelUpdate dotDot = p.update(location("a", allowed + "/../secret.txt"));
        ModelUpdate viaLink = p.update(location("b", link.toString()));
        ModelUpdate missing = p.update(location("c", allowed.resolve("nope").toString()));

        assertThat(dotDot.reason()).contains("outside the allowed directories");
        assertThat(viaLink.reason()).contains("outside the allowed directories");
        assertThat(missing.reason()).contains("does not exist");
    }

    @Test
    void oversizedFileIsRejected() throws Exception {
        Path allowed = Files.createDirectory(temp.resolve("models"));
        Path model = Files.writeString(allowed.resolve("m.txt"), "12345678");
        ModelProcessor<Features, Prediction> p = processor(new ModelLimits(4, List.of(allowed)));

        assertThat(p.update(location("m", model.toString())).reason()).contains("over the limit of 4");
    }

    /** SHA-256 of the single byte "7" and of "8", computed outside this code base ({@code printf 7 | sha256sum}). */
    private static final String SHA256_OF_7 = "7902699be42c8a8e46fbbb4501726517e86b22c56a189f7625a6da49081b2451";
    private static final String SHA256_OF_8 = "2c624232cdd221771294dfbb310aca000a0df6ac8b66b696d90ef06fdefb64a3";

    @Test
    void checksumIsVerified() {
        byte[] bytes = "7".getBytes(StandardCharsets.UTF_8);
        ModelProcessor<Features, Prediction> p = processor(ModelLimits.defaults());
        ModelDescriptor good = ModelDescriptor.builder("g", "wine", "offset").bytes(bytes).sha256(SHA256_OF_7).build();
        ModelDescriptor upperCase = ModelDescriptor.builder("u", "wine", "offset").bytes(bytes)
                .sha256(SHA256_OF_7.toUpperCase(Locale.ROOT)).build();
        ModelDescriptor bad = ModelDescriptor.builder("b", "wine", "offset").bytes(bytes).sha256(SHA256_OF_8).build();

        assertThat(p.update(upperCase).accepted()).isTrue();
        assertThat(p.update(good).accepted()).isTrue();
        assertThat(p.update(bad).reason()).contains("checksum mismatch").contains(SHA256_OF_7);
        assertThat(p.currentModel("wine")).map(ModelInfo::name).contains("g");
        assertThat(GuardedModelSource.sha256Hex(bytes)).isEqualTo(SHA256_OF_7);
    }

    @Test
    void badConfigurationNamesTheValue() {
        assertThatThrownBy(() -> new ModelLimits(0, List.of())).hasMessageContaining("was 0");
        assertThatThrownBy(() -> ModelDescriptor.builder(" ", "wine", "onnx").bytes(new byte[0]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    private static ModelDescriptor location(String name, String path) {
        return ModelDescriptor.builder(name, "wine", "offset").location(path).build();
    }
}
