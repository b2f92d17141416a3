package io.modelserving.benchmarks.endtoend;

import java.util.Locale;

/**
 * Writes SVG elements one per line. Every attribute value and every text goes through {@link #escape}, so a label
 * cannot break the document; numbers are written with a dot whatever the default locale.
 */
final class Svg {

    static final String NAMESPACE = "http://www.w3.org/2000/svg";

    private final StringBuilder body = new StringBuilder();
    private int depth = 1;

    /** {@code <name a="v" .../>}; attributes come as name, value pairs. */
    Svg element(String name, Object... attributes) {
        indent().append('<').append(name);
        attributes(attributes).append("/>\n");
        return this;
    }

    /** {@code <text ...>text</text>}. */
    Svg text(double x, double y, String text, Object... attributes) {
        indent().append("<text x=\"").append(number(x)).append("\" y=\"").append(number(y)).append('"');
        attributes(attributes).append('>').append(escape(text)).append("</text>\n");
        return this;
    }

    Svg open(String name, Object... attributes) {
        indent().append('<').append(name);
        attributes(attributes).append(">\n");
        depth++;
        return this;
    }

    Svg close(String name) {
        depth--;
        indent().append("</").append(name).append(">\n");
        return this;
    }

    /** The standalone document: white behind everything, so it reads the same in any viewer. */
    String document(double width, double height, String title) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"" + NAMESPACE + "\" version=\"1.1\" width=\"" + number(width) + "\" height=\""
                + number(height) + "\" viewBox=\"0 0 " + number(width) + " " + number(height) + "\""
                + " font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\" fill=\"#222\">\n"
                + "  <title>" + escape(title) + "</title>\n"
                + "  <rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n"
                + body
                + "</svg>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * About how wide a character is, for layout without font metrics: generous, so estimated space is rather too
     * much than too little.
     */
    static double charWidth(double fontSize, boolean monospace) {
        return fontSize * (monospace ? 0.61 : 0.58);
    }

    /** At most one decimal: enough for a pixel, short enough to keep the file small. */
    static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    private StringBuilder attributes(Object[] attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs: " + attributes.length);
        }
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            Object value = attributes[i + 1];
            String text = value instanceof Double d ? number(d) : String.valueOf(value);
            body.append(' ').append(attributes[i]).append("=\"").append(escape(text)).append('"');
        }
        return body;
    }

    private StringBuilder indent() {
        return body.append("  ".repeat(depth));
    }
}
