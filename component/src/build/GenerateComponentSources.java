/*
 * Copyright the camel-rekognition-video authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Renders, from the component descriptor that camel-package-maven-plugin generates, what Camel's own build renders
 * from it and what its generators cannot make outside Camel's source tree: the Endpoint DSL builder (typed option
 * methods, a String overload for every other type; consumer, producer and endpoint builders) and the option and header
 * tables of the component page, between its {@code // rendered ...: START} and {@code END} markers. The component's
 * build runs it (exec:exec, process-classes) as a single-file program:
 *
 * <pre>
 * java -cp &lt;jackson-databind&gt; GenerateComponentSources.java DESCRIPTOR DSL_SOURCE_DIR COMPONENT_PAGE
 * </pre>
 *
 * A file is written only when its content changes.
 */
public class GenerateComponentSources {

    static final String PACKAGE = "io.github.camelrekognition.video.dsl";
    static final String FACTORY = "RekognitionVideo2EndpointBuilderFactory";

    record Option(String name, String javaType, String group, String description, String defaultValue) {
        boolean consumer() {
            return group.startsWith("consumer") || group.equals("scheduler");
        }

        boolean producer() {
            return group.startsWith("producer");
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateComponentSources DESCRIPTOR DSL_SOURCE_DIR COMPONENT_PAGE");
        }
        JsonNode descriptor = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        write(Path.of(args[1]).resolve(PACKAGE.replace('.', '/')).resolve(FACTORY + ".java"), endpointDsl(descriptor));
        Path page = Path.of(args[2]);
        write(page, componentPage(Files.readString(page, StandardCharsets.UTF_8), descriptor));
    }

    private static void write(Path file, String content) throws IOException {
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            System.out.println("GenerateComponentSources: wrote " + file);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The option and header tables of the component page

    static String componentPage(String page, JsonNode descriptor) {
        String title = descriptor.get("component").get("title").asText();

        String updated = page;
        updated = replaceSection(updated, "rendered component options", table(
                "The " + title + " component supports " + descriptor.get("componentProperties").size()
                                                         + " options, which are listed below.",
                descriptor.get("componentProperties")));
        updated = replaceSection(updated, "rendered endpoint options", table(
                "The " + title + " endpoint is configured using URI syntax:\n\n----\n"
                                                             + descriptor.get("component").get("syntax").asText()
                                                             + "\n----\n\nwith " + descriptor.get("properties").size()
                                                             + " path and query parameters:",
                descriptor.get("properties")));
        updated = replaceSection(updated, "rendered message headers", table(
                "The " + title + " component supports " + descriptor.get("headers").size()
                                                          + " message headers, which are listed below:",
                descriptor.get("headers")));

        return updated;
    }

    private static String replaceSection(String page, String section, String content) {
        String start = "// " + section + ": START\n";
        String end = "// " + section + ": END";
        int from = page.indexOf(start);
        int to = page.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("The component page has no markers " + start.strip() + " and " + end);
        }
        return page.substring(0, from + start.length()) + content + page.substring(to);
    }

    private static String table(String intro, JsonNode rows) {
        StringBuilder table = new StringBuilder(intro).append("\n\n")
                .append("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n")
                .append("| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> row : rows.properties()) {
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

    // ---------------------------------------------------------------------------------------------------------------
    // The Endpoint DSL builder

    static String endpointDsl(JsonNode descriptor) {
        List<Option> options = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : descriptor.get("properties").properties()) {
            JsonNode p = entry.getValue();
            if (!"path".equals(p.path("kind").asText())) {
                options.add(new Option(entry.getKey(), p.path("javaType").asText(), p.path("group").asText(),
                        p.path("description").asText(), p.path("defaultValue").asText(null)));
            }
        }
        String title = descriptor.get("component").get("title").asText();
        String scheme = descriptor.get("component").get("scheme").asText();
        String consumer = "RekognitionVideo2EndpointConsumerBuilder";
        String producer = "RekognitionVideo2EndpointProducerBuilder";
        String endpoint = "RekognitionVideo2EndpointBuilder";
        StringBuilder java = new StringBuilder()
                .append("/* Generated by the build (src/build/GenerateComponentSources.java) from the component descriptor: ")
                .append("do not edit. */\n")
                .append("package ").append(PACKAGE).append(";\n\n")
                .append("import org.apache.camel.builder.EndpointConsumerBuilder;\n")
                .append("import org.apache.camel.builder.EndpointProducerBuilder;\n")
                .append("import org.apache.camel.builder.endpoint.AbstractEndpointBuilder;\n\n")
                .append("/**\n * ").append(javadoc(descriptor.get("component").get("description").asText()))
                .append("\n * <p>\n * Endpoint DSL builders of the ").append(title).append(" component (").append(scheme)
                .append("). A route builder that implements {@link RekognitionVideo2Builders} gets\n")
                .append(" * {@code aws2RekognitionVideo(label)}.\n */\n")
                .append("public interface ").append(FACTORY).append(" {\n\n");
        builder(java, "Builder for endpoint consumers for the " + title + " component.", consumer,
                "EndpointConsumerBuilder", options.stream().filter(o -> !o.producer()).toList());
        builder(java, "Builder for endpoint producers for the " + title + " component.", producer,
                "EndpointProducerBuilder", options.stream().filter(o -> !o.consumer()).toList());
        builder(java, "Builder for endpoints of the " + title + " component.", endpoint, consumer + ", " + producer,
                options.stream().filter(o -> !o.consumer() && !o.producer()).toList());
        java.append("    /** The builder methods to mix into a route builder. */\n")
                .append("    interface RekognitionVideo2Builders {\n\n")
                .append("        /**\n         * ").append(title).append(": {@code ").append(scheme).append(":label}.\n")
                .append("         *\n         * @param  label the logical name of the endpoint\n")
                .append("         * @return       the endpoint builder\n         */\n")
                .append("        default ").append(endpoint).append(" aws2RekognitionVideo(String label) {\n")
                .append("            return endpointBuilder(\"").append(scheme).append("\", label);\n        }\n    }\n\n")
                .append("    static ").append(endpoint).append(" endpointBuilder(String componentName, String path) {\n")
                .append("        class ").append(endpoint).append("Impl extends AbstractEndpointBuilder implements ")
                .append(endpoint).append(" {\n")
                .append("            ").append(endpoint).append("Impl(String path) {\n")
                .append("                super(componentName, path);\n            }\n        }\n")
                .append("        return new ").append(endpoint).append("Impl(path);\n    }\n}\n");
        return java.toString();
    }

    private static void builder(StringBuilder java, String doc, String name, String parents, List<Option> options) {
        java.append("    /** ").append(doc).append(" */\n")
                .append("    interface ").append(name).append(" extends ").append(parents).append(" {\n");
        for (Option option : options) {
            setter(java, name, option, option.javaType());
            if (!"java.lang.String".equals(option.javaType())) {
                setter(java, name, option, "String");
            }
        }
        java.append("    }\n\n");
    }

    private static void setter(StringBuilder java, String builder, Option option, String type) {
        String parameter = option.name();
        java.append("\n        /**\n         * ").append(javadoc(option.description())).append("\n         * <p>\n")
                .append("         * The option is a: {@code ").append(javadoc(option.javaType())).append("} type");
        if (!"String".equals(type) || "java.lang.String".equals(option.javaType())) {
            java.append('.');
        } else {
            java.append(", given as a String (a value, a property placeholder or a #bean reference).");
        }
        java.append("\n         * <p>\n");
        if (option.defaultValue() != null) {
            java.append("         * Default: ").append(javadoc(option.defaultValue())).append("\n");
        }
        java.append("         * Group: ").append(option.group()).append("\n         *\n")
                .append("         * @param  ").append(parameter).append(" the value to set\n")
                .append("         * @return the dsl builder\n         */\n")
                .append("        default ").append(builder).append(' ').append(option.name()).append('(').append(type)
                .append(' ').append(parameter).append(") {\n")
                .append("            doSetProperty(\"").append(option.name()).append("\", ").append(parameter).append(");\n")
                .append("            return this;\n        }\n");
    }

    private static String javadoc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
    }
}
