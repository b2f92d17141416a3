package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelserving.ModelDescriptor;
import io.modelserving.ModelProcessor;
import io.modelserving.ModelSignature;
import io.modelserving.ModelSignature.Field;
import io.modelserving.kafka.Readiness;
import io.modelserving.kafka.ServingView;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /models/{dataType}} over a real processor with real models loaded. */
class ModelEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSignature WINE_SIGNATURE = new ModelSignature(
            List.of(new Field("features", "float", List.of(-1L, 11L)), new Field("mask", "bool", List.of())),
            List.of(new Field("quality", "float", List.of(-1L, 1L))));

    private final HttpFixture http = new HttpFixture();
    private ModelProcessor<Double, Double> processor;
    private ServingHttpServer server;

    @BeforeEach
    void load() {
        processor = ModelProcessor.<Double, Double>builder()
                .factories(List.of(new SignedModels(Map.of("wine-model", WINE_SIGNATURE)))).build();
        assertThat(processor.update(descriptor("wine-model", "wine", "3", "red wine")).accepted()).isTrue();
        assertThat(processor.update(descriptor("beer-model", "beer", "", "")).accepted()).isTrue();
        ServingView view = ServingView.of(processor, Readiness::up);
        server = http.start(view);
    }

    @AfterEach
    void close() {
        http.close();
        processor.close();
    }

    @Test
    void aDataTypeWithASignatureShowsItsModelAndSignature() throws Exception {
        HttpResponse<String> response = http.get(server, "/models/wine");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.path("instance").asText()).isEqualTo("local");
        assertThat(root.path("dataType").asText()).isEqualTo("wine");
        JsonNode model = root.path("model");
        assertThat(model.path("name").asText()).isEqualTo("wine-model");
        assertThat(model.path("version").asText()).isEqualTo("3");
        assertThat(model.path("modelType").asText()).isEqualTo(SignedModels.TYPE);
        assertThat(model.path("description").asText()).isEqualTo("red wine");
        assertThat(model.path("since").asText())
                .isEqualTo(processor.currentModel("wine").orElseThrow().since().toString());
        // The model object is the one /models shows for the data type.
        assertThat(model).isEqualTo(JSON.readTree(http.get(server, "/models").body()).path("models").path("wine"));

        JsonNode inputs = root.path("signature").path("inputs");
        assertThat(inputs).hasSize(2);
        assertThat(inputs.get(0).path("name").asText()).isEqualTo("features");
        assertThat(inputs.get(0).path("type").asText()).isEqualTo("float");
        assertThat(inputs.get(0).path("shape").toString()).isEqualTo("[-1,11]");
        assertThat(inputs.get(1).path("name").asText()).isEqualTo("mask");
        assertThat(inputs.get(1).path("shape").isArray()).isTrue();
        assertThat(inputs.get(1).path("shape")).isEmpty();
        JsonNode outputs = root.path("signature").path("outputs");
        assertThat(outputs).hasSize(1);
        assertThat(outputs.get(0).path("name").asText()).isEqualTo("quality");
        assertThat(outputs.get(0).path("shape").toString()).isEqualTo("[-1,1]");
    }

    @Test
    void aModelWhoseFormatSaysNothingHasANullSignature() throws Exception {
        HttpResponse<String> response = http.get(server, "/models/beer");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.path("model").path("name").asText()).isEqualTo("beer-model");
        assertThat(root.get("model").get("version").isNull()).isTrue();
        assertThat(root.has("signature")).isTrue();
        assertThat(root.get("signature").isNull()).isTrue();
    }

    @Test
    void aDataTypeWithoutACurrentModelIs404WithAJsonError() throws Exception {
        HttpResponse<String> unknown = http.get(server, "/models/cider");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("error").asText()).contains("cider");

        processor.remove("beer");   // had a model, has none now
        assertThat(http.get(server, "/models/beer").statusCode()).isEqualTo(404);
    }

    @Test
    void anEncodedDataTypeIsDecoded() throws Exception {
        assertThat(processor.update(descriptor("spaced", "rosé wine", "", "")).accepted()).isTrue();
        HttpResponse<String> response = http.get(server, "/models/ros%C3%A9%20wine");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("dataType").asText()).isEqualTo("rosé wine");
    }

    private static ModelDescriptor descriptor(String name, String dataType, String version, String description) {
        return ModelDescriptor.builder(name, dataType, SignedModels.TYPE).version(version).description(description)
                .bytes("model".getBytes(StandardCharsets.UTF_8)).build();
    }
}
