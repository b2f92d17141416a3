package io.modelserving.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A model's content as a factory may read it: within the configured size and location limits. */
public interface ModelSource {

    /**
     * The model bytes: the inline payload, or the content of the allowed file the descriptor points to.
     *
     * @throws IOException when the location is a directory, too large, unreadable or fails its checksum
     */
    byte[] bytes() throws IOException;

    /** The checked location, when the descriptor gives one rather than bytes. */
    Optional<Path> location();

    /** The largest content the factory may unpack or read, in bytes. */
    long maxBytes();
}
