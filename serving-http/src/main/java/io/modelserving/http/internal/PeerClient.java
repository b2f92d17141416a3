package io.modelserving.http.internal;

import io.modelserving.ModelServingException;
import io.modelserving.http.InstanceStats;
import io.modelserving.http.InstanceStatus;
import io.modelserving.http.ServingJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Asks the other instances, all at once: their own stats of a data type, or their readiness. However many peers
 * there are, a question takes at most the timeout; a peer that has not answered by then is listed with why.
 */
public final class PeerClient {

    private final HttpClient client;
    private final Duration timeout;

    public PeerClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Each peer's own stats of {@code dataType}; empty for a peer that never saw it (404). */
    public List<PeerAnswer<Optional<InstanceStats>>> stats(List<URI> peers, String dataType) {
        String path = "/state/" + URLEncoder.encode(dataType, StandardCharsets.UTF_8).replace("+", "%20")
                + "?scope=instance";
        return askAll(peers, peer -> get(peer, path).thenApply(response -> {
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode());
            }
            return Optional.of(ServingJson.parseInstanceStats(response.body()));
        }));
    }

    /** Each peer's readiness from its {@code /health/ready}; a peer that answers otherwise is unreachable. */
    public List<InstanceStatus> readiness(List<URI> peers) {
        List<InstanceStatus> statuses = new ArrayList<>();
        for (PeerAnswer<InstanceStatus> answer : askAll(peers, peer -> get(peer, "/health/ready")
                .thenApply(response -> {
                    if (response.statusCode() != 200 && response.statusCode() != 503) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return ServingJson.parseInstanceStatus(peer, response.body());
                }))) {
            statuses.add(answer.answered() ? answer.value() : new InstanceStatus(answer.peer().getAuthority(),
                    answer.peer(), InstanceStatus.Status.UNREACHABLE, answer.failure()));
        }
        return statuses;
    }

    /** Asks every peer at once and waits for them together, at most the timeout; in the order of {@code peers}. */
    <T> List<PeerAnswer<T>> askAll(List<URI> peers, Function<URI, CompletableFuture<T>> ask) {
        List<CompletableFuture<T>> calls = new ArrayList<>(peers.size());
        for (URI peer : peers) {
            try {
                calls.add(ask.apply(peer));
            } catch (RuntimeException e) {   // a malformed peer URI, say: that peer's failure, not the request's
                calls.add(CompletableFuture.failedFuture(e));
            }
        }
        String late = "no answer within " + timeout.toMillis() + " ms";
        try {
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            late = "interrupted while waiting";
        } catch (ExecutionException | TimeoutException e) {
            // some failed or are late: each is looked at below
        }
        List<PeerAnswer<T>> answers = new ArrayList<>(peers.size());
        for (int i = 0; i < peers.size(); i++) {
            CompletableFuture<T> call = calls.get(i);
            if (!call.isDone()) {
                call.cancel(true);
                answers.add(new PeerAnswer<>(peers.get(i), null, late));
            } else {
                try {
                    answers.add(new PeerAnswer<>(peers.get(i), call.join(), null));
                } catch (CompletionException | CancellationException e) {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    answers.add(new PeerAnswer<>(peers.get(i), null, ModelServingException.reasonOf(cause)));
                }
            }
        }
        return answers;
    }

    private CompletableFuture<HttpResponse<String>> get(URI peer, String path) {
        URI uri = URI.create(peer.toString().replaceAll("/+$", "") + path);
        return client.sendAsync(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
