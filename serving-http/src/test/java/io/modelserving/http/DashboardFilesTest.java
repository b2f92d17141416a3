package io.modelserving.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dashboard's static files: served from the class path by name and type, nothing outside their folder. */
class DashboardFilesTest {

    private static final String FOLDER = "io/modelserving/http/dashboard/";

    private final HttpFixture http = new HttpFixture();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void rootIsTheIndexPage() throws Exception {
        HttpResponse<String> response = http.get(http.start(FixedView.alone("a:1")), "/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).isEqualTo(resource("index.html"));
    }

    @Test
    void aFileIsServedWithTheTypeOfItsExtension() throws Exception {
        // test-probe.svg is a test resource in the same folder, so the test does not depend on the page's files.
        HttpResponse<String> response = http.get(http.start(FixedView.alone("a:1")), "/dashboard/test-probe.svg");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.body()).isEqualTo(resource("test-probe.svg"));
    }

    @Test
    void missingFilesUnknownTypesAndPathsOutOfTheFolderAre404() throws Exception {
        ServingHttpServer server = http.start(FixedView.alone("a:1"));
        assertThat(resource("test-probe.txt")).as("present, yet of no served type").isNotEmpty();
        List<String> paths = List.of("/dashboard/missing.js", "/dashboard/test-probe.txt", "/dashboard/",
                "/dashboard/../ServingJson.class", "/dashboard/%2e%2e/ServingJson.class",
                "/dashboard/..%2fServingJson.class", "/dashboard/.hidden.css", "/dashboard//index.html",
                "/dashboard/test-probe", "/index.html");
        for (String path : paths) {
            String answer = HttpFixture.raw(server, "GET", path);
            assertThat(answer).as(path).startsWith("HTTP/1.1 404");
            assertThat(answer).as(path).contains("\"error\"");
        }
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = DashboardFilesTest.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
