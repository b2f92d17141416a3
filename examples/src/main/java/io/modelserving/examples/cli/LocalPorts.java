package io.modelserving.examples.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a local port can be listened on, asked before anything starts so that a taken port is a one-line error
 * instead of a failure halfway through start-up. Another process may still take the port in between; the server's
 * own bind then fails the command.
 */
final class LocalPorts {

    private LocalPorts() {
    }

    /** Whether {@code host:port} can be listened on right now. */
    static boolean isFree(String host, int port) {
        try {
            probe(host, port);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Checks that {@code host:port} can be listened on; port 0 (any free port) always can.
     *
     * @throws IllegalArgumentException when the host is unknown
     * @throws IllegalStateException    when the port is taken, or the host is not an address of this machine
     */
    static void requireFree(String option, String host, int port) {
        if (port == 0) {
            return;
        }
        try {
            probe(host, port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + " (" + option + "): "
                    + e.getMessage());
        }
    }

    private static void probe(String host, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot listen on unknown host '" + host + "'");
        }
        try (ServerSocket socket = new ServerSocket()) {
            // As servers do: connections of a process just stopped, still closing, do not make the port taken.
            socket.setReuseAddress(true);
            socket.bind(address);
        }
    }
}
