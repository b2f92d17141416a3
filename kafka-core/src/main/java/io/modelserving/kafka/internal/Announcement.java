package io.modelserving.kafka.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * One instance's entry on the instance-directory topic: its HTTP address and when it said so, as UTF-8 text of
 * {@code name=value} lines, readable with any console consumer:
 *
 * <pre>
 * uri=http://host-1:8080
 * announced-at=2026-11-30T12:00:00.123Z
 * </pre>
 *
 * Lines of other names are ignored, so later versions can add some. The key is the instance name.
 */
public record Announcement(URI uri, Instant announcedAt) {

    /** The largest value or key read; anything larger is not an announcement. */
    public static final int MAX_BYTES = 1_024;

    public byte[] encode() {
        return ("uri=" + uri + "\nannounced-at=" + announcedAt + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads an announcement, or says why the bytes are none.
     *
     * @throws IllegalArgumentException with the reason when the bytes are not an announcement
     */
    public static Announcement decode(byte[] value) {
        String text = utf8(value, "value");
        URI uri = null;
        Instant at = null;
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = line.substring(0, equals).trim();
            String field = line.substring(equals + 1).trim();
            if (name.equals("uri")) {
                uri = httpUri(field);
            } else if (name.equals("announced-at")) {
                at = instant(field);
            }
        }
        if (uri == null || at == null) {
            throw new IllegalArgumentException("no " + (uri == null ? "uri" : "announced-at") + " line");
        }
        return new Announcement(uri, at);
    }

    /**
     * An instance name from a record key.
     *
     * @throws IllegalArgumentException when the key is missing, blank, too long or not UTF-8
     */
    public static String name(byte[] key) {
        if (key == null) {
            throw new IllegalArgumentException("no key (the key is the instance name)");
        }
        String name = utf8(key, "key");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a blank instance name");
        }
        return name;
    }

    private static String utf8(byte[] bytes, String what) {
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("a " + what + " of " + bytes.length + " bytes, more than " + MAX_BYTES);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a " + what + " that is not UTF-8 text");
        }
    }

    private static URI httpUri(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("uri " + shown(text) + " is no URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("uri " + shown(text) + " is not http(s)://host[:port]");
        }
        return uri;
    }

    /** Text from the topic as a log line may show it: quoted, short, without control characters. */
    private static String shown(String text) {
        String clean = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + (clean.length() > 80 ? clean.substring(0, 79) + "…" : clean) + "'";
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("announced-at " + shown(text) + " is no ISO-8601 instant");
        }
    }
}
