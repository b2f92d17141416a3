package io.modelserving.testkit.models;

import io.modelserving.spi.ModelSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads a test model's content as text. */
final class Payloads {

    private Payloads() {
    }

    static String text(ModelSource source) throws IOException {
        return new String(source.bytes(), StandardCharsets.UTF_8).trim();
    }

    /** A finite decimal number, or an exception that quotes the text and says what model it came from. */
    static double number(String text, String what) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a decimal number, was '" + text + "'");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be a finite number, was '" + text + "'");
        }
        return value;
    }
}
