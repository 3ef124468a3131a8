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
package io.github.camelrekognition.video;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelrekognition.local.RekognitionModel;
import org.apache.camel.CamelContext;
import org.apache.camel.TypeConversionException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.BoundingBox;
import software.amazon.awssdk.services.rekognition.model.FaceDetail;
import software.amazon.awssdk.services.rekognition.model.FaceDetection;
import software.amazon.awssdk.services.rekognition.model.RekognitionResponse;
import software.amazon.awssdk.services.rekognition.model.VideoMetadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON of what the component emits, through Camel's type converters: in the service's own shape and member names
 * (every member of every analysis's Get response, as the API model has them), and back.
 */
class RekognitionVideo2ConvertersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CamelContext context;

    @BeforeAll
    static void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    /**
     * A Get response with every member the API model gives it, each with a value of its type: JSON, SDK, JSON gives the
     * same JSON, so every member name the SDK writes is the model's, and none is lost.
     */
    @ParameterizedTest
    @EnumSource(RekognitionVideo2Analysis.class)
    void theGetResponseOfEveryAnalysisRoundTrips(RekognitionVideo2Analysis analysis) throws Exception {
        JsonNode sample = sample(RekognitionModel.outputShape(analysis.getApi()), 0);
        Class<? extends SdkPojo> type = responseType(analysis);

        SdkPojo response = context.getTypeConverter().mandatoryConvertTo(type, sample.toString());
        String json = context.getTypeConverter().mandatoryConvertTo(String.class, response);

        assertEquals(normal(sample), normal(JSON.readTree(json)), analysis.getApi());
        List<?> results = ((RekognitionResponse) response).getValueForField(analysis.resultsMember(), List.class)
                .orElseThrow();
        assertEquals(normal(sample.get(analysis.resultsMember())),
                normal(JSON.readTree(context.getTypeConverter().mandatoryConvertTo(String.class, results))),
                "the results alone, as a JSON array");
    }

    @Test
    void aResultConvertsToJsonTextBytesAndStream() throws Exception {
        FaceDetection face = FaceDetection.builder().timestamp(400L).face(FaceDetail.builder().confidence(99.5f)
                .boundingBox(BoundingBox.builder().left(0.25f).top(0.5f).width(0.125f).height(0.25f).build()).build())
                .build();
        String expected = "{\"Timestamp\":400,\"Face\":{\"BoundingBox\":{\"Width\":0.125,\"Height\":0.25,\"Left\":0.25,"
                          + "\"Top\":0.5},\"Confidence\":99.5}}";
        assertEquals(JSON.readTree(expected), JSON.readTree(context.getTypeConverter().convertTo(String.class, face)));
        assertEquals(JSON.readTree(expected), JSON.readTree(context.getTypeConverter().convertTo(byte[].class, face)));
        try (InputStream in = context.getTypeConverter().convertTo(InputStream.class, face)) {
            assertEquals(JSON.readTree(expected), JSON.readTree(in));
        }
        assertEquals(face, context.getTypeConverter().convertTo(FaceDetection.class,
                expected.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theNotificationConvertsToTheJsonRekognitionPublishes() throws Exception {
        RekognitionVideo2Notification notification = new RekognitionVideo2Notification(
                "job-1", "SUCCEEDED",
                "StartLabelDetection", null, 1700000000000L, "videos", "a.mp4");
        assertEquals(JSON.readTree("{\"JobId\":\"job-1\",\"Status\":\"SUCCEEDED\",\"API\":\"StartLabelDetection\","
                                   + "\"Timestamp\":1700000000000,\"Video\":{\"S3ObjectName\":\"a.mp4\","
                                   + "\"S3Bucket\":\"videos\"}}"),
                JSON.readTree(context.getTypeConverter().convertTo(String.class, notification)));
        assertEquals(notification, RekognitionVideo2Notification.parse(notification.toJson().toString()),
                "what the consumer reads back");
    }

    @Test
    void whatIsNotTheComponentsIsLeftToTheOtherConverters() {
        assertEquals("[a, b]", context.getTypeConverter().convertTo(String.class, List.of("a", "b")));
        assertEquals("[]", context.getTypeConverter().convertTo(String.class, List.of()));
        assertEquals("{k=v}", context.getTypeConverter().convertTo(String.class, Map.of("k", "v")));
    }

    @Test
    void jsonThatIsNotTheResultSaysWhichMemberIsWrong() {
        TypeConversionException notJson = assertThrows(TypeConversionException.class,
                () -> context.getTypeConverter().convertTo(FaceDetection.class, "{not json"));
        assertInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class, notJson.getCause());
        Exception wrongType = assertThrows(Exception.class, () -> context.getTypeConverter()
                .mandatoryConvertTo(FaceDetection.class, "{\"Timestamp\":\"soon\"}"));
        assertTrue(rootMessage(wrongType).contains("FaceDetection.Timestamp must be a whole number"),
                rootMessage(wrongType));
        Exception notAnObject = assertThrows(Exception.class, () -> context.getTypeConverter()
                .mandatoryConvertTo(VideoMetadata.class, "[1, 2]"));
        assertTrue(rootMessage(notAnObject).contains("VideoMetadata must be a JSON object"), rootMessage(notAnObject));
    }

    @Test
    void aMemberTheModelDoesNotHaveIsLeftOutAsTheSdkDoes() throws Exception {
        VideoMetadata metadata = context.getTypeConverter().mandatoryConvertTo(VideoMetadata.class,
                "{\"Codec\":\"h264\",\"FrameWidth\":1280,\"SomethingNew\":{\"A\":1}}");
        assertEquals("h264", metadata.codec());
        assertEquals(JSON.readTree("{\"Codec\":\"h264\",\"FrameWidth\":1280}"),
                JSON.readTree(context.getTypeConverter().mandatoryConvertTo(String.class, metadata)));
        assertEquals(1280L, metadata.frameWidth());
    }

    // -----------------------------------------------------------------------------------------------------------------

    /** The SDK class of the Get response of {@code analysis}: the return type of its RekognitionClient method. */
    @SuppressWarnings("unchecked")
    private static Class<? extends SdkPojo> responseType(RekognitionVideo2Analysis analysis) throws Exception {
        String name = Character.toLowerCase(analysis.getApi().charAt(0)) + analysis.getApi().substring(1);
        Method method = RekognitionClient.class.getMethod(name, analysis.getRequestType());
        return (Class<? extends SdkPojo>) method.getReturnType();
    }

    /** A value of every member of {@code shapeName}, as the API model types them. */
    private static JsonNode sample(String shapeName, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        JsonNode shape = RekognitionModel.shape(shapeName);
        switch (shape.path("type").asText()) {
            case "structure": {
                ObjectNode node = nodes.objectNode();
                if (depth < 8) {
                    shape.path("members").properties()
                            .forEach(m -> node.set(m.getKey(), sample(m.getValue().path("shape").asText(), depth + 1)));
                }
                return node;
            }
            case "list": {
                ArrayNode node = nodes.arrayNode();
                node.add(sample(shape.path("member").path("shape").asText(), depth + 1));
                return node;
            }
            case "map": {
                ObjectNode node = nodes.objectNode();
                node.set("key", sample(shape.path("value").path("shape").asText(), depth + 1));
                return node;
            }
            case "string":
                return shape.has("enum") ? shape.get("enum").get(0) : nodes.textNode("text-" + shapeName);
            case "integer":
            case "long":
                return nodes.numberNode(7);
            case "float":
            case "double":
                return nodes.numberNode(0.5);
            case "boolean":
                return nodes.booleanNode(true);
            case "timestamp":
                return nodes.numberNode(1700000000L);
            case "blob":
                return nodes.textNode("AQID");
            default:
                throw new IllegalStateException("no sample of " + shapeName + ": " + shape);
        }
    }

    /** The same JSON whatever Jackson's number classes: 7 and 7L, 0.5f and 0.5d, compare equal. */
    private static JsonNode normal(JsonNode node) throws Exception {
        return JSON.readTree(node.toString());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
