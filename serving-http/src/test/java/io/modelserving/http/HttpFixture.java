package io.modelserving.http;

import io.modelserving.kafka.ServingView;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Servers started by a test, closed after it, and the requests a test makes to them. */
final class HttpFixture implements AutoCloseable {

    private final HttpClient client = HttpClient.newHttpClient();
    private final List<ServingHttpServer> servers = new ArrayList<>();

    /** A server of {@code view} on a free loopback port, with {@code configure}'s settings. */
    ServingHttpServer start(ServingView view, UnaryOperator<ServingHttpServer.Builder> configure) {
        ServingHttpServer.Builder builder = ServingHttpServer.builder(view, ServingHttpServer.prometheusRegistry())
                .address(new InetSocketAddress("127.0.0.1", 0));
        ServingHttpServer server = configure.apply(builder).start();
        servers.add(server);
        return server;
    }

    ServingHttpServer start(ServingView view) {
        return start(view, builder -> builder);
    }

    /** Keeps {@code server} to close after the test. */
    ServingHttpServer keep(ServingHttpServer server) {
        servers.add(server);
        return server;
    }

    HttpResponse<String> get(ServingHttpServer server, String path) throws Exception {
        return send(server, "GET", path);
    }

    HttpResponse<String> send(ServingHttpServer server, String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(server.uri().resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Everything the server sends for one request written as is, read until it closes the connection: headers
     * and whatever follows them, so that a body sent where none belongs shows.
     */
    static String raw(ServingHttpServer server, String method, String rawPath) throws IOException {
        try (Socket socket = new Socket(server.uri().getHost(), server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        servers.forEach(ServingHttpServer::close);
    }
}
