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

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import io.github.camelrekognition.video.RekognitionApiValidator;
import io.github.camelrekognition.video.RekognitionVideo2Analysis;
import io.github.camelrekognition.video.RekognitionVideo2Notification;
import io.github.camelrekognition.video.RekognitionVideo2Operations;
import io.github.camelrekognition.video.RekognitionVideo2ResultMode;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.AdditionalApplicationArchiveMarkerBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageProxyDefinitionBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import org.apache.http.conn.HttpClientConnectionManager;
import org.apache.http.pool.ConnPoolControl;
import org.jboss.jandex.DotName;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.apache.ApacheSdkHttpService;
import software.amazon.awssdk.http.apache.internal.conn.Wrapped;
import software.amazon.awssdk.services.rekognition.model.RekognitionRequest;

/**
 * The build steps of the aws2-rekognition-video extension. Camel Quarkus core registers the component's generated
 * configurers and service files; the steps here register what else the component loads or reflects on, and the AWS SDK
 * support that camel-quarkus-support-aws2 makes (HTTP client service and proxies, TLS), so that the extension needs no
 * other Camel Quarkus AWS artifact.
 */
class Aws2RekognitionVideoProcessor {

    static final String FEATURE = "camel-aws2-rekognition-video";

    /**
     * The SDK requests and responses the producer and consumer exchange as bodies and headers: those of the Start and
     * Get operations of every analysis of the component.
     */
    static final List<Class<?>> SDK_ROOTS = Arrays.stream(RekognitionVideo2Analysis.values())
            .flatMap(analysis -> Stream.of(analysis.startApi(), analysis.getApi()))
            .flatMap(operation -> Stream.of(operation + "Request", operation + "Response"))
            .map(Aws2RekognitionVideoProcessor::modelClass)
            .toList();

    private static Class<?> modelClass(String simpleName) {
        try {
            return Class.forName(RekognitionRequest.class.getPackageName() + "." + simpleName);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The AWS SDK has no Rekognition model class " + simpleName, e);
        }
    }

    static final List<String> SDK_INTERCEPTOR_RESOURCES = List.of(
            "software/amazon/awssdk/global/handlers/execution.interceptors",
            "software/amazon/awssdk/services/rekognition/execution.interceptors",
            "software/amazon/awssdk/services/sqs/execution.interceptors");

    private static final DotName EXECUTION_INTERCEPTOR = DotName.createSimple(ExecutionInterceptor.class.getName());

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** The Rekognition API model that the producer validates requests against. */
    @BuildStep
    NativeImageResourceBuildItem rekognitionModel() {
        return new NativeImageResourceBuildItem(RekognitionApiValidator.MODEL_RESOURCE);
    }

    /** The model classes of every analysis, from the request and response roots through every getter. */
    @BuildStep
    ReflectiveClassBuildItem analysesModel() {
        return ReflectiveClassBuildItem.builder(modelClosure(SDK_ROOTS).toArray(String[]::new)).methods().fields().build();
    }

    /** What the consumer emits, and the enums of the component's options. */
    @BuildStep
    ReflectiveClassBuildItem componentTypes() {
        return ReflectiveClassBuildItem.builder(RekognitionVideo2Notification.class, RekognitionVideo2ResultMode.class,
                RekognitionVideo2Operations.class, RekognitionVideo2Analysis.class).methods().fields().build();
    }

    /** The AWS SDK's HTTP client, found as a service by the Rekognition and SQS clients. */
    @BuildStep
    ServiceProviderBuildItem sdkHttpClient() {
        return new ServiceProviderBuildItem(SdkHttpService.class.getName(), ApacheSdkHttpService.class.getName());
    }

    /** The SDK's Apache HTTP client wraps its connection manager in a JDK proxy of these interfaces. */
    @BuildStep
    NativeImageProxyDefinitionBuildItem sdkHttpClientProxies() {
        return new NativeImageProxyDefinitionBuildItem(
                HttpClientConnectionManager.class.getName(),
                ConnPoolControl.class.getName(), Wrapped.class.getName());
    }

    /** The lists of execution interceptors the SDK clients read at start. */
    @BuildStep
    NativeImageResourceBuildItem sdkInterceptorLists() {
        return new NativeImageResourceBuildItem(SDK_INTERCEPTOR_RESOURCES);
    }

    /** The execution interceptors named in those lists, instantiated by reflection. */
    @BuildStep
    void sdkInterceptors(CombinedIndexBuildItem index, BuildProducer<ReflectiveClassBuildItem> reflective) {
        String[] interceptors = index.getIndex().getAllKnownImplementations(EXECUTION_INTERCEPTOR).stream()
                .map(c -> c.name().toString()).toArray(String[]::new);
        if (interceptors.length > 0) {
            reflective.produce(ReflectiveClassBuildItem.builder(interceptors).build());
        }
    }

    /** The SDK calls AWS over TLS. */
    @BuildStep
    ExtensionSslNativeSupportBuildItem sdkTls() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    /** The SDK jars are indexed, so that their interceptors are found. */
    @BuildStep
    AdditionalApplicationArchiveMarkerBuildItem sdkArchives() {
        return new AdditionalApplicationArchiveMarkerBuildItem("software/amazon/awssdk");
    }

    /** Every class of the roots' package reachable through their public getters, with the SDK's builder classes. */
    static Set<String> modelClosure(List<Class<?>> roots) {
        String modelPackage = roots.get(0).getPackageName();
        Set<String> found = new TreeSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.getPackageName().equals(modelPackage) || !found.add(type.getName())) {
                continue;
            }
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (nested.getSimpleName().equals("BuilderImpl")) {
                    found.add(nested.getName());
                }
            }
            for (Method method : type.getMethods()) {
                if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())) {
                    todo.push(method.getReturnType());
                    Type generic = method.getGenericReturnType();
                    if (generic instanceof ParameterizedType parameterized) {
                        for (Type argument : parameterized.getActualTypeArguments()) {
                            if (argument instanceof Class<?> element) {
                                todo.push(element);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }
}
