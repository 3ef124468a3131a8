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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The state of the jobs in a directory of their own, so that a restarted server keeps the jobs it had, as the service
 * does: {@code jobs/<id>.json} for each job (its request, status and results), {@code tokens.json} for the
 * ClientRequestTokens used, {@code page-token.key} for the key that signs the NextTokens (tokens handed out before a
 * restart stay valid) and {@code sns-signing.key} for the key the SNS signs its envelopes with (a consumer that trusts
 * it keeps trusting it). Each file is written whole, then moved into place.
 */
final class JobStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;

    JobStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory.resolve("jobs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the state directory " + directory, e);
        }
    }

    /** The key that signs page tokens: the one of the directory, else a new one, kept there. */
    byte[] pageTokenKey(SecureRandom random) {
        Path file = directory.resolve("page-token.key");
        try {
            if (Files.exists(file)) {
                return Files.readAllBytes(file);
            }
            byte[] key = new byte[32];
            random.nextBytes(key);
            write(file, key);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        }
    }

    /** The RSA key pair SNS envelopes are signed with: the one of the directory, else {@code made}, kept there. */
    KeyPair snsSigningKey(Supplier<KeyPair> made) {
        Path file = directory.resolve("sns-signing.key");
        try {
            if (Files.exists(file)) {
                ObjectNode node = (ObjectNode) JSON.readTree(file.toFile());
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new KeyPair(
                        rsa.generatePublic(new X509EncodedKeySpec(node.get("public").binaryValue())),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(node.get("private").binaryValue())));
            }
            KeyPair key = made.get();
            write(file, JSON.writeValueAsBytes(JSON.createObjectNode().put("public", key.getPublic().getEncoded())
                    .put("private", key.getPrivate().getEncoded())));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an RSA key pair: " + file, e);
        }
    }

    void save(VideoJobs.Job job) {
        ObjectNode node = JSON.createObjectNode().put("id", job.id).put("analysis", job.analysis)
                .put("status", job.status).put("statusMessage", job.statusMessage);
        node.set("request", job.request);
        node.set("videoMetadata", job.videoMetadata);
        node.putArray("results").addAll(job.results);
        node.set("more", job.more);
        writeJson(directory.resolve("jobs").resolve(job.id + ".json"), node);
    }

    List<VideoJobs.Job> jobs() {
        List<VideoJobs.Job> jobs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory.resolve("jobs"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode node = JSON.readTree(file.toFile());
                VideoJobs.Job job = new VideoJobs.Job(
                        node.get("id").asText(), node.get("analysis").asText(),
                        node.get("request"));
                job.status = node.get("status").asText();
                job.statusMessage = node.path("statusMessage").isNull() ? null : node.path("statusMessage").asText(null);
                job.videoMetadata = node.path("videoMetadata").isNull() ? null : node.get("videoMetadata");
                List<ObjectNode> results = new ArrayList<>();
                node.path("results").forEach(result -> results.add((ObjectNode) result));
                job.results = List.copyOf(results);
                job.more = (ObjectNode) node.get("more");
                jobs.add(job);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the jobs of " + directory, e);
        }
        return jobs;
    }

    /** The tokens used: by analysis and token, the parameters and the job they started. */
    void saveTokens(Map<String, VideoJobs.TokenUse> tokens) {
        ObjectNode node = JSON.createObjectNode();
        tokens.forEach((token, use) -> node.putObject(token).put("jobId", use.jobId()).set("parameters",
                use.parameters()));
        writeJson(directory.resolve("tokens.json"), node);
    }

    void loadTokens(Map<String, VideoJobs.TokenUse> tokens) {
        Path file = directory.resolve("tokens.json");
        if (!Files.exists(file)) {
            return;
        }
        try {
            JSON.readTree(file.toFile()).properties().forEach(entry -> tokens.put(entry.getKey(),
                    new VideoJobs.TokenUse(entry.getValue().get("parameters"), entry.getValue().get("jobId").asText())));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The SNS topics (by ARN, their attributes) and subscriptions, so that jobs notify them after a restart. */
    void saveSns(Map<String, Map<String, String>> topics, Collection<SnsEmulator.Subscription> subscriptions) {
        ObjectNode node = JSON.createObjectNode();
        ObjectNode topicNodes = node.putObject("topics");
        topics.forEach((arn, attributes) -> topicNodes.set(arn, JSON.valueToTree(attributes)));
        ArrayNode subscriptionNodes = node.putArray("subscriptions");
        for (SnsEmulator.Subscription subscription : subscriptions) {
            subscriptionNodes.addObject().put("arn", subscription.arn()).put("topicArn", subscription.topicArn())
                    .put("protocol", subscription.protocol()).put("endpoint", subscription.endpoint())
                    .set("attributes", JSON.valueToTree(subscription.attributes()));
        }
        writeJson(directory.resolve("sns.json"), node);
    }

    /** Fills {@code topics} and {@code subscriptions} with the ones saved, if any. */
    void loadSns(Map<String, Map<String, String>> topics, Map<String, SnsEmulator.Subscription> subscriptions) {
        Path file = directory.resolve("sns.json");
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            node.path("topics").properties().forEach(entry -> topics.put(entry.getKey(),
                    new ConcurrentHashMap<>(JSON.convertValue(entry.getValue(), STRING_MAP))));
            for (JsonNode s : node.path("subscriptions")) {
                SnsEmulator.Subscription subscription = new SnsEmulator.Subscription(
                        s.get("arn").asText(),
                        s.get("topicArn").asText(), s.get("protocol").asText(), s.get("endpoint").asText(),
                        new ConcurrentHashMap<>(JSON.convertValue(s.get("attributes"), STRING_MAP)));
                subscriptions.put(subscription.arn(), subscription);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private static void writeJson(Path file, JsonNode node) {
        try {
            write(file, JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
