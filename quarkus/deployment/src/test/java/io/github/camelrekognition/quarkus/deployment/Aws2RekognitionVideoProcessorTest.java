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
package io.github.camelrekognition.quarkus.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.camelrekognition.video.RekognitionApiValidator;
import io.github.camelrekognition.video.RekognitionVideo2Notification;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageProxyDefinitionBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.test.QuarkusUnitTest;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds an application with the extension and collects what the build steps registered for native images: every class
 * the component reflects on or loads, and its resources.
 */
class Aws2RekognitionVideoProcessorTest {

    // The build runs in another class loader than the test methods: what it collects crosses over as system properties.
    static final String COLLECTED = "camel-rekognition-video.collected.";
    static final Set<String> REFLECTIVE = collected("reflective");
    static final Set<String> RESOURCES = collected("resources");
    static final Set<String> FEATURES = collected("features");
    static final Set<String> SERVICE_PROVIDERS = collected("providers");
    static final Set<String> PROXIES = collected("proxies");
    static final Set<String> SSL = collected("ssl");

    private static Set<String> collected(String name) {
        return Set.of(System.getProperty(COLLECTED + name, "").split("\n"));
    }

    private static void collect(String name, Collection<String> values) {
        System.setProperty(COLLECTED + name, String.join("\n", values));
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class))
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    Set<String> reflective = new TreeSet<>();
                    context.consumeMulti(ReflectiveClassBuildItem.class).forEach(i -> reflective.addAll(i.getClassNames()));
                    collect("reflective", reflective);
                    List<String> resources = new ArrayList<>();
                    context.consumeMulti(NativeImageResourceBuildItem.class).forEach(i -> resources.addAll(i.getResources()));
                    collect("resources", resources);
                    collect("features",
                            context.consumeMulti(FeatureBuildItem.class).stream().map(FeatureBuildItem::getName).toList());
                    collect("providers", context.consumeMulti(ServiceProviderBuildItem.class).stream()
                            .map(i -> i.serviceDescriptorFile() + "=" + i.providers()).toList());
                    collect("proxies", context.consumeMulti(NativeImageProxyDefinitionBuildItem.class).stream()
                            .map(i -> String.join(",", i.getClasses())).toList());
                    collect("ssl", context.consumeMulti(ExtensionSslNativeSupportBuildItem.class).stream()
                            .map(ExtensionSslNativeSupportBuildItem::getExtension).toList());
                    context.produce(new ServiceStartBuildItem("build-step-collector"));
                }
            }).consumes(ReflectiveClassBuildItem.class).consumes(NativeImageResourceBuildItem.class)
                    .consumes(NativeImageProxyDefinitionBuildItem.class).consumes(ExtensionSslNativeSupportBuildItem.class)
                    .consumes(ServiceProviderBuildItem.class).consumes(FeatureBuildItem.class)
                    .produces(ServiceStartBuildItem.class).build());

    @Test
    void declaresTheFeature() {
        assertTrue(FEATURES.contains("camel-aws2-rekognition-video"), FEATURES.toString());
    }

    @Test
    void registersTheSdkModelOfTheBodiesForReflection() {
        for (String type : List.of("FaceDetection", "FaceDetail", "BoundingBox", "ImageQuality", "Pose", "Landmark",
                "VideoMetadata", "Video", "S3Object", "NotificationChannel", "StartFaceDetectionRequest",
                "StartFaceDetectionResponse", "GetFaceDetectionRequest", "GetFaceDetectionResponse",
                "FaceDetection$BuilderImpl", "StartLabelDetectionRequest", "LabelDetectionSettings", "LabelDetection",
                "GetSegmentDetectionResponse", "SegmentDetection", "StartSegmentDetectionFilters",
                "StartTextDetectionFilters", "TextDetectionResult", "PersonMatch", "CelebrityRecognition",
                "ContentModerationDetection", "PersonDetection", "GetPersonTrackingResponse")) {
            String name = "software.amazon.awssdk.services.rekognition.model." + type;
            assertTrue(REFLECTIVE.contains(name), name + " is registered for reflection");
        }
    }

    @Test
    void registersTheNotificationAndTheGeneratedConfigurers() {
        for (String name : List.of(RekognitionVideo2Notification.class.getName(),
                "io.github.camelrekognition.video.RekognitionVideo2ComponentConfigurer",
                "io.github.camelrekognition.video.RekognitionVideo2EndpointConfigurer",
                "io.github.camelrekognition.video.RekognitionVideo2Component")) {
            assertTrue(REFLECTIVE.contains(name), name + " is registered for reflection");
        }
    }

    @Test
    void bundlesTheApiModelAndTheSdkResources() {
        assertTrue(RESOURCES.contains(RekognitionApiValidator.MODEL_RESOURCE), RESOURCES.toString());
        assertTrue(RESOURCES.containsAll(List.of("software/amazon/awssdk/global/handlers/execution.interceptors",
                "software/amazon/awssdk/services/rekognition/execution.interceptors",
                "software/amazon/awssdk/services/sqs/execution.interceptors")), RESOURCES.toString());
        assertTrue(SERVICE_PROVIDERS.stream().anyMatch(s -> s.contains("ApacheSdkHttpService")), SERVICE_PROVIDERS.toString());
    }

    @Test
    void registersTheSdkHttpClientProxiesAndSsl() {
        assertTrue(PROXIES.contains("org.apache.http.conn.HttpClientConnectionManager,org.apache.http.pool.ConnPoolControl,"
                                    + "software.amazon.awssdk.http.apache.internal.conn.Wrapped"),
                PROXIES.toString());
        assertTrue(SSL.contains("camel-aws2-rekognition-video"), SSL.toString());
    }
}
