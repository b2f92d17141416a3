package io.modelserving;

import java.util.Arrays;
import java.util.Objects;

/** Where a model's content comes from: inline bytes, or a location the service may read. */
public sealed interface ModelPayload {

    /** The model's serialized content, carried in the descriptor itself. */
    record Bytes(byte[] data) implements ModelPayload {
        public Bytes {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(data, b.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Bytes[" + data.length + " bytes]";
        }
    }

    /**
     * A path to a file or directory. It is read only when it lies inside one of the allowed directories of
     * {@link ModelLimits}.
     */
    record Location(String path) implements ModelPayload {
        public Location {
            Objects.requireNonNull(path, "path");
        }
    }

    static ModelPayload bytes(byte[] data) {
        return new Bytes(data);
    }

    static ModelPayload location(String path) {
        return new Location(path);
    }
}
