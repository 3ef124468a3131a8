package io.github.camelrekognition.video;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The option and header tables of the component reference page are rendered from the generated descriptor. The test
 * fails when the page is stale; {@code -Dupdate.docs=true} rewrites it:
 * {@code mvn -B -pl component verify -Dtest=ComponentDocsTest -Dupdate.docs=true}.
 */
class ComponentDocsTest {

    static final Path PAGE = Path.of("..", "docs", "aws2-rekognition-video-component.adoc");

    @Test
    void referenceTablesMatchTheDescriptor() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        JsonNode descriptor = ComponentDescriptorTest.descriptor();
        String title = descriptor.get("component").get("title").asText();

        String updated = page;
        updated = replaceSection(updated, "component options", table(
                "The " + title + " component supports " + descriptor.get("componentProperties").size()
                                                         + " options, which are listed below.",
                descriptor.get("componentProperties")));
        updated = replaceSection(updated, "endpoint options", table(
                "The " + title + " endpoint is configured using URI syntax:\n\n----\n"
                                                             + descriptor.get("component").get("syntax").asText()
                                                             + "\n----\n\nwith " + descriptor.get("properties").size()
                                                             + " path and query parameters:",
                descriptor.get("properties")));
        updated = replaceSection(updated, "message headers", table(
                "The " + title + " component supports " + descriptor.get("headers").size()
                                                          + " message headers, which are listed below:",
                descriptor.get("headers")));

        if (!updated.equals(page) && Boolean.getBoolean("update.docs")) {
            Files.writeString(PAGE, updated, StandardCharsets.UTF_8);
            page = updated;
        }
        assertEquals(updated, page, PAGE + " is stale: run mvn -B -pl component verify -Dtest=ComponentDocsTest "
                                    + "-Dupdate.docs=true and commit it");
    }

    private static String replaceSection(String page, String section, String content) {
        String start = "// " + section + ": START\n";
        String end = "// " + section + ": END";
        int from = page.indexOf(start);
        int to = page.indexOf(end);
        assertTrue(from >= 0 && to > from, PAGE + " has the markers of " + section);
        return page.substring(0, from + start.length()) + content + page.substring(to);
    }

    private static String table(String intro, JsonNode rows) {
        StringBuilder table = new StringBuilder(intro).append("\n\n")
                .append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> row : (Iterable<Map.Entry<String, JsonNode>>) rows::fields) {
            JsonNode p = row.getValue();
            String group = p.path("group").asText();
            table.append("| *").append(row.getKey()).append("*")
                    .append(group.isEmpty() ? "" : " (" + group + ")")
                    .append(" | ").append(cell(describe(p)))
                    .append(" | ").append(cell(p.path("defaultValue").asText("")))
                    .append(" | ").append(cell(type(p)))
                    .append('\n');
        }
        return table.append("|===\n").toString();
    }

    private static String describe(JsonNode p) {
        StringBuilder text = new StringBuilder(p.path("description").asText().strip());
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '.') {
            text.append('.');
        }
        if (p.has("enum")) {
            text.append(" Enum values: ");
            p.get("enum").forEach(e -> text.append(e.asText()).append(", "));
            text.setLength(text.length() - 2);
            text.append('.');
        }
        if (p.path("required").asBoolean()) {
            text.append(" *Required*.");
        }
        if (p.path("secret").asBoolean()) {
            text.append(" *Secret*.");
        }
        if (p.path("autowired").asBoolean()) {
            text.append(" *Autowired*.");
        }
        return text.toString();
    }

    private static String type(JsonNode p) {
        String javaType = p.path("javaType").asText();
        return javaType.substring(javaType.lastIndexOf('.') + 1);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
