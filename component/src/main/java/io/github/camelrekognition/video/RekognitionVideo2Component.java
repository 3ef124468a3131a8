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

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.AggregationRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * Amazon Rekognition Video's asynchronous analyses of stored videos (faces, labels, celebrities, content moderation,
 * face search, segments, text, person tracking), through the AWS SDK v2: the defaults of every endpoint.
 */
@Component("aws2-rekognition-video")
public class RekognitionVideo2Component extends HealthCheckComponent {

    @Metadata
    private RekognitionVideo2Configuration configuration = new RekognitionVideo2Configuration();

    private final Map<String, Set<RekognitionVideo2PollingConsumer>> pollingConsumers = new ConcurrentHashMap<>();
    private final RecentJobs recentJobs = new RecentJobs(20);
    private final Map<AggregationRepository, JobSlots> jobSlots = Collections.synchronizedMap(new IdentityHashMap<>());
    private volatile JobMetrics metrics;

    public RekognitionVideo2Component() {
        this(null);
    }

    public RekognitionVideo2Component(CamelContext context) {
        super(context);
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        RekognitionVideo2Configuration endpointConfiguration
                = configuration != null ? configuration.copy() : new RekognitionVideo2Configuration();
        endpointConfiguration.setLabel(remaining);
        RekognitionVideo2Endpoint endpoint = new RekognitionVideo2Endpoint(uri, this, endpointConfiguration);
        endpoint.setUriOptions(parameters.keySet());
        setProperties(endpoint, parameters);
        if (endpointConfiguration.getRekognitionClient() == null
                && !endpointConfiguration.isUseDefaultCredentialsProvider()
                && !endpointConfiguration.isUseProfileCredentialsProvider()
                && (endpointConfiguration.getAccessKey() == null || endpointConfiguration.getSecretKey() == null)) {
            throw new IllegalArgumentException(
                    "No credentials for aws2-rekognition-video:" + remaining + ": set a rekognitionClient, or "
                                               + "useDefaultCredentialsProvider=true, or "
                                               + "useProfileCredentialsProvider=true, or accessKey and secretKey");
        }
        return endpoint;
    }

    /** Hands the jobs that producers of {@code label} start to the polling consumers of {@code label}. */
    void register(String label, RekognitionVideo2PollingConsumer consumer) {
        pollingConsumers.computeIfAbsent(label, k -> new CopyOnWriteArraySet<>()).add(consumer);
    }

    void unregister(String label, RekognitionVideo2PollingConsumer consumer) {
        Set<RekognitionVideo2PollingConsumer> consumers = pollingConsumers.get(label);
        if (consumers != null) {
            consumers.remove(consumer);
        }
    }

    /**
     * A producer of {@code label} started {@code jobId}: it is counted, and the polling consumers of that label watch
     * it.
     */
    void jobStarted(String label, RekognitionVideo2Analysis analysis, String jobId) {
        metrics().started(analysis);
        pollingConsumers.getOrDefault(label, Set.of()).forEach(consumer -> consumer.watchIfTaken(analysis, jobId));
    }

    /** The job slots counted in {@code repository}, one count for every endpoint sharing it. */
    JobSlots jobSlots(AggregationRepository repository) {
        return jobSlots.computeIfAbsent(repository, r -> new JobSlots(r, getCamelContext()));
    }

    /** A job of {@code repository} was struck off: a Start of this JVM waiting for a slot counts again at once. */
    void jobSlotFreed(AggregationRepository repository) {
        JobSlots slots = jobSlots.get(repository);
        if (slots != null) {
            slots.freed();
        }
    }

    /** What this component's endpoints did lately, for its dev console. */
    RecentJobs recentJobs() {
        return recentJobs;
    }

    /**
     * The metrics of this component's endpoints: the recent jobs, and Micrometer's when the Camel registry holds a
     * MeterRegistry at first use ({@link JobMetrics}).
     */
    JobMetrics metrics() {
        JobMetrics current = metrics;
        if (current == null) {
            synchronized (this) {
                if (metrics == null) {
                    metrics = JobMetrics.both(recentJobs, JobMetrics.micrometer(getCamelContext()));
                }
                current = metrics;
            }
        }
        return current;
    }

    public RekognitionVideo2Configuration getConfiguration() {
        return configuration;
    }

    /**
     * Component configuration: the defaults of every endpoint of this component
     */
    public void setConfiguration(RekognitionVideo2Configuration configuration) {
        this.configuration = configuration;
    }
}
