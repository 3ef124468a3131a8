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

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The face collections of the server, as the service keeps them (in memory: they end with the server): created,
 * described, listed in pages and deleted, each with its ARN. They hold no faces (IndexFaces is an image operation);
 * StartFaceSearch needs its collection to exist, and its results are supplied.
 */
final class FaceCollections {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The face model version the service reports for new collections. */
    static final String FACE_MODEL_VERSION = "7.0";

    private record Collection(String arn, long createdAt) {
    }

    private final String region;
    private final String accountId;
    private final Clock clock;
    private final Map<String, Collection> collections = new ConcurrentSkipListMap<>();

    FaceCollections(String region, String accountId, Clock clock) {
        this.region = region;
        this.accountId = accountId;
        this.clock = clock;
    }

    boolean exists(String collectionId) {
        return collections.containsKey(collectionId);
    }

    ObjectNode create(JsonNode request) {
        String id = request.get("CollectionId").asText();
        // the service's ARN of a collection has no "arn:" prefix
        Collection created = new Collection(
                "aws:rekognition:" + region + ":" + accountId + ":collection/" + id,
                clock.millis());
        if (collections.putIfAbsent(id, created) != null) {
            throw ServiceException.client("ResourceAlreadyExistsException",
                    "The collection id: " + id + " already exists");
        }
        return JSON.createObjectNode().put("StatusCode", 200).put("CollectionArn", created.arn())
                .put("FaceModelVersion", FACE_MODEL_VERSION);
    }

    ObjectNode delete(JsonNode request) {
        String id = request.get("CollectionId").asText();
        if (collections.remove(id) == null) {
            throw notFound(id);
        }
        return JSON.createObjectNode().put("StatusCode", 200);
    }

    ObjectNode describe(JsonNode request) {
        String id = request.get("CollectionId").asText();
        Collection collection = collections.get(id);
        if (collection == null) {
            throw notFound(id);
        }
        return JSON.createObjectNode().put("FaceCount", 0).put("FaceModelVersion", FACE_MODEL_VERSION)
                .put("CollectionARN", collection.arn()).put("CreationTimestamp", collection.createdAt() / 1000.0)
                .put("UserCount", 0);
    }

    /** The ids in order, a page of MaxResults (all by default) after the NextToken (the last id of a page). */
    ObjectNode list(JsonNode request) {
        int max = request.hasNonNull("MaxResults") ? request.get("MaxResults").asInt() : Integer.MAX_VALUE;
        String after = request.path("NextToken").asText(null);
        List<String> ids = collections.keySet().stream().filter(id -> after == null || id.compareTo(after) > 0)
                .toList();
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode page = answer.putArray("CollectionIds");
        ArrayNode versions = answer.putArray("FaceModelVersions");
        ids.stream().limit(max).forEach(id -> {
            page.add(id);
            versions.add(FACE_MODEL_VERSION);
        });
        if (ids.size() > max && max > 0) {
            answer.put("NextToken", ids.get(max - 1));
        }
        return answer;
    }

    static ServiceException notFound(String id) {
        return ServiceException.client("ResourceNotFoundException", "The collection id: " + id + " does not exist");
    }
}
