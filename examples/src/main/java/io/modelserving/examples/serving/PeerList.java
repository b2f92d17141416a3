package io.modelserving.examples.serving;

import io.modelserving.kafka.InstanceDirectory;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The other instances of an Akka Streams application, as {@code GET /state} asks them: the addresses given
 * ({@code serve --peer}) and, with discovery, those an {@link InstanceDirectory} finds; each once, this instance
 * never, read afresh on every call.
 *
 * <pre>{@code
 * PeerList peers = new PeerList(options.peers());
 * ServingView view = control.view(name, peers);
 * peers.exclude(self);
 * peers.discover(InstanceDirectory.builder(props, "scoring-app").start(name, self));
 * }</pre>
 */
final class PeerList implements Supplier<List<URI>>, AutoCloseable {

    private final List<URI> given;
    private volatile InstanceDirectory directory;
    private volatile URI self;

    PeerList(List<URI> given) {
        this.given = List.copyOf(given);
    }

    /** Leaves out this instance's own address, once it is known, wherever it comes from. */
    void exclude(URI itself) {
        self = itself;
    }

    /** From now on, adds what {@code found} finds too; it is closed with this list. */
    void discover(InstanceDirectory found) {
        directory = found;
    }

    @Override
    public List<URI> get() {
        InstanceDirectory found = directory;
        List<URI> all = new ArrayList<>(given);
        if (found != null) {
            all.addAll(found.peers());
        }
        // One entry per host and port: "http://h:1/" given and "http://h:1" found are the same instance.
        Map<String, URI> byAddress = new LinkedHashMap<>();
        for (URI uri : all) {
            byAddress.putIfAbsent(address(uri), uri);
        }
        URI me = self;
        if (me != null) {
            byAddress.remove(address(me));
        }
        return List.copyOf(byAddress.values());
    }

    @Override
    public void close() {
        InstanceDirectory found = directory;
        directory = null;
        if (found != null) {
            found.close();
        }
    }

    private static String address(URI uri) {
        return String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT) + "://"
                + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
