package io.modelserving.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's DOM as Chromium serialized it, read through the page's test hooks: {@code data-data-type} rows
 * of the models table, {@code data-model} items of the update timeline, {@code data-field} cells.
 */
final class RenderedDashboard {

    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    private final String dom;

    RenderedDashboard(String dom) {
        this.dom = dom;
    }

    /** The page's connection state: "loading", "ok" or "error". */
    String connection() {
        return element("body", "data-connection", null).map(e -> e.attributes().get("data-connection")).orElse("");
    }

    /** The text of a {@code data-field} inside the models table row of {@code dataType}. */
    Optional<String> modelField(String dataType, String field) {
        return element("tr", "data-data-type", dataType).flatMap(row -> row.field(field));
    }

    /** The timeline items of a model's updates, newest first, by its "name:version" label. */
    List<Element> updates(String model) {
        return elements("li", "data-model", model);
    }

    /** The text of a {@code data-field} anywhere on the page (the first one). */
    Optional<String> field(String field) {
        return new Element(Map.of(), dom).field(field);
    }

    /** The whole number in a text such as "1,234"; -1 for none. */
    static long number(Optional<String> text) {
        String digits = text.orElse("").replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    /** An excerpt to show when a check fails: the page's main part, without the chart paths. */
    String excerpt() {
        int start = Math.max(0, dom.indexOf("<main"));
        String main = dom.substring(start).replaceAll("<svg.*?</svg>", "<svg>…</svg>");
        return main.length() > 6_000 ? main.substring(0, 6_000) + " …" : main;
    }

    /** The first {@code tag} element whose {@code attribute} equals {@code value} (any value when null). */
    private Optional<Element> element(String tag, String attribute, String value) {
        return elements(tag, attribute, value).stream().findFirst();
    }

    /** The {@code tag} elements whose {@code attribute} equals {@code value} (any value when null), in page order. */
    private List<Element> elements(String tag, String attribute, String value) {
        List<Element> elements = new ArrayList<>();
        Matcher start = Pattern.compile("<" + tag + "\\b([^>]*)>").matcher(dom);
        while (start.find()) {
            Map<String, String> attributes = attributes(start.group(1));
            String found = attributes.get(attribute);
            if (found != null && (value == null || unescape(found).equals(value))) {
                int end = dom.indexOf("</" + tag + ">", start.end());
                elements.add(new Element(attributes, dom.substring(start.end(), end < 0 ? dom.length() : end)));
            }
        }
        return elements;
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(text);
        while (matcher.find()) {
            attributes.put(matcher.group(1), matcher.group(2));
        }
        return attributes;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", " ")
                .replace("&amp;", "&");
    }

    /** An element's attributes and inner HTML. */
    record Element(Map<String, String> attributes, String inner) {

        String attribute(String name) {
            return attributes.get(name);
        }

        /** The text of the first element inside with {@code data-field="field"}, tags removed. */
        Optional<String> field(String field) {
            Matcher matcher = Pattern.compile("<(\\w+)[^>]*\\bdata-field=\"" + Pattern.quote(field) + "\"[^>]*>")
                    .matcher(inner);
            if (!matcher.find()) {
                return Optional.empty();
            }
            int end = inner.indexOf("</" + matcher.group(1) + ">", matcher.end());
            String html = inner.substring(matcher.end(), end < 0 ? inner.length() : end);
            return Optional.of(unescape(html.replaceAll("<[^>]*>", "")).trim());
        }
    }
}
