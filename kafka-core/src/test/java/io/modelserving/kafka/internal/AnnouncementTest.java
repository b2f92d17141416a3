package io.modelserving.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnnouncementTest {

    private static final Instant AT = Instant.parse("2026-11-30T12:00:00.123Z");

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void isTextOfNameValueLines() {
        Announcement announcement = new Announcement(URI.create("http://host-1:8080"), AT);
        assertThat(new String(announcement.encode(), StandardCharsets.UTF_8))
                .isEqualTo("uri=http://host-1:8080\nannounced-at=2026-11-30T12:00:00.123Z\n");
        assertThat(Announcement.decode(announcement.encode())).isEqualTo(announcement);
    }

    @Test
    void linesOfOtherNamesAndOrderDoNotMatter() {
        assertThat(Announcement.decode(utf8("zone=eu-1\r\nannounced-at=2026-11-30T12:00:00.123Z\r\n"
                + "uri=https://host-2\r\n"))).isEqualTo(new Announcement(URI.create("https://host-2"), AT));
    }

    @Test
    void anythingElseIsRefusedWithItsReason() {
        assertThatThrownBy(() -> Announcement.decode(utf8("uri=http://h:1\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("announced-at");
        assertThatThrownBy(() -> Announcement.decode(utf8("announced-at=2026-11-30T12:00:00Z")))
                .hasMessageContaining("no uri");
        assertThatThrownBy(() -> Announcement.decode(utf8("uri=ftp://h:1\nannounced-at=2026-11-30T12:00:00Z")))
                .hasMessageContaining("not http(s)");
        assertThatThrownBy(() -> Announcement.decode(utf8("uri=http://h:1 x\nannounced-at=2026-11-30T12:00:00Z")))
                .hasMessageContaining("no URI");
        assertThatThrownBy(() -> Announcement.decode(utf8("uri=http:relative\nannounced-at=2026-11-30T12:00:00Z")))
                .hasMessageContaining("not http(s)");
        assertThatThrownBy(() -> Announcement.decode(utf8("uri=http://h:1\nannounced-at=yesterday")))
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> Announcement.decode(new byte[]{(byte) 0xC3, (byte) 0x28}))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> Announcement.decode(new byte[Announcement.MAX_BYTES + 1]))
                .hasMessageContaining("more than " + Announcement.MAX_BYTES);
    }

    @Test
    void aReasonQuotesTheTopicsTextShortAndWithoutControlCharacters() {
        String hostile = "uri=ftp://h/" + "x".repeat(200) + "\u001b[31m\nannounced-at=2026-11-30T12:00:00Z";
        assertThatThrownBy(() -> Announcement.decode(utf8(hostile)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b").hasSizeLessThan(150));
    }

    @Test
    void theKeyIsANonBlankUtf8Name() {
        assertThat(Announcement.name(utf8("host-1:8080"))).isEqualTo("host-1:8080");
        assertThatThrownBy(() -> Announcement.name(null)).hasMessageContaining("no key");
        assertThatThrownBy(() -> Announcement.name(utf8(" "))).hasMessageContaining("blank");
        assertThatThrownBy(() -> Announcement.name(new byte[]{(byte) 0xFF})).hasMessageContaining("not UTF-8");
    }
}
