package io.modelserving.examples.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerListTest {

    @Test
    void givenPeersComeOnceEachAndNeverThisInstance() {
        PeerList peers = new PeerList(List.of(URI.create("http://b:8080"), URI.create("http://B:8080/"),
                URI.create("http://a:8080"), URI.create("http://c")));
        assertThat(peers.get()).containsExactly(URI.create("http://b:8080"), URI.create("http://a:8080"),
                URI.create("http://c"));

        peers.exclude(URI.create("http://a:8080"));
        assertThat(peers.get()).containsExactly(URI.create("http://b:8080"), URI.create("http://c"));
        peers.exclude(URI.create("http://c:80"));
        assertThat(peers.get()).as("the default port is the same address")
                .containsExactly(URI.create("http://b:8080"), URI.create("http://a:8080"));
    }
}
