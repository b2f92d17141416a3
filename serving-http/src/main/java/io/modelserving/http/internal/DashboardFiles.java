package io.modelserving.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard's static files, from the class path under {@code io/modelserving/http/dashboard/}: {@code /} is
 * {@code index.html}, {@code /dashboard/<file>} that file. Only names of plain segments with a known extension
 * are looked up, so no request reaches outside that folder.
 */
public final class DashboardFiles {

    private static final String ROOT = "io/modelserving/http/dashboard/";
    private static final String PREFIX = "/dashboard/";
    // Segments of letters, digits, '-', '_' and inner dots, none starting with a dot: no "..", no "%2e", no "\".
    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** A file found: its bytes and content type. */
    public record File(byte[] content, String contentType) {
    }

    private DashboardFiles() {
    }

    /** Whether {@code rawPath} is one the dashboard answers (found or not). */
    public static boolean handles(String rawPath) {
        return rawPath.equals("/") || rawPath.startsWith(PREFIX);
    }

    /** The file a raw request path names; empty when it names none or it is not there. */
    public static Optional<File> find(String rawPath) throws IOException {
        String name = rawPath.equals("/") ? "index.html"
                : rawPath.startsWith(PREFIX) ? rawPath.substring(PREFIX.length()) : "";
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
        if (type == null) {
            return Optional.empty();
        }
        try (InputStream in = DashboardFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? Optional.empty() : Optional.of(new File(in.readAllBytes(), type));
        }
    }
}
