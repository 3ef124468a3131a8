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
package io.github.camelrekognition.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rekognition's wire protocol, awsJson1_1: {@code POST /} with {@code X-Amz-Target: RekognitionService.<Operation>} and
 * a JSON body; answers in {@code application/x-amz-json-1.1} with an {@code x-amzn-RequestId} header, errors as
 * {@code {"__type": "<Exception>", "Message": "..."}}. Requests are validated against the API model first.
 */
final class RekognitionHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RekognitionHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "RekognitionService.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final ModelValidator validator;
    private final VideoJobs jobs;
    private final FaceCollections collections;
    private final FaultInjector faults;

    RekognitionHandler(ModelValidator validator, VideoJobs jobs, FaceCollections collections, FaultInjector faults) {
        this.validator = validator;
        this.jobs = jobs;
        this.collections = collections;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            JsonNode answer;
            int status = 200;
            try {
                answer = dispatch(exchange, body);
            } catch (ServiceException e) {
                status = e.status();
                answer = error(e.type(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("Request {} failed", requestId, e);
                status = 500;
                answer = error("InternalServerError", "Internal error: " + e.getMessage());
            }
            HttpAnswers.send(exchange, status, CONTENT_TYPE, requestId, answer.toString());
        }
    }

    private JsonNode dispatch(HttpExchange exchange, byte[] body) {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            throw ServiceException.client("UnknownOperationException",
                    "Expected POST / with an X-Amz-Target header of RekognitionService.<Operation>");
        }
        String operation = target.substring(TARGET_PREFIX.length());
        faults.beforeCall(operation);
        JsonNode request;
        try {
            request = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw ServiceException.client("SerializationException", "The request body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (!request.isObject()) {
            throw ServiceException.client("SerializationException", "The request body is not a JSON object");
        }
        String analysis = operation.replaceFirst("^(Start|Get)", "");
        if (!analysis.equals(operation) && jobs.computes(analysis)) { // Start<Analysis> or Get<Analysis>
            validator.validate(operation, request);
            return operation.startsWith("Start") ? jobs.start(analysis, request) : jobs.get(analysis, request);
        }
        return switch (operation) {
            case "CreateCollection" -> {
                validator.validate(operation, request);
                yield collections.create(request);
            }
            case "DeleteCollection" -> {
                validator.validate(operation, request);
                yield collections.delete(request);
            }
            case "DescribeCollection" -> {
                validator.validate(operation, request);
                yield collections.describe(request);
            }
            case "ListCollections" -> {
                // also the health check call of Camel's aws2 components
                validator.validate(operation, request);
                yield collections.list(request);
            }
            default -> throw ServiceException.client("UnknownOperationException",
                    "The local Rekognition Video server does not implement " + operation);
        };
    }

    /** The error type of the analyses of the API that this server does not compute. */
    static final String NOT_SUPPORTED_LOCALLY = "NotSupportedLocallyException";

    private static ObjectNode error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("Message", message);
    }
}
