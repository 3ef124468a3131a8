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

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which completions a consumer takes: the analyses of its {@code notificationApi} option and its {@code jobTag}. Built
 * once, when the consumer is made, from the endpoint's configuration.
 *
 * @param analyses the analyses whose completions the consumer takes
 * @param jobTag   the job tag a completion must carry, or null for any
 */
record NotificationFilter(Set<RekognitionVideo2Analysis> analyses, String jobTag) {

    NotificationFilter {
        analyses = Set.copyOf(analyses);
    }

    /**
     * The filter of a consumer's options.
     *
     * @throws RekognitionVideo2ValidationException when notificationApi names no analysis, or one that is not a Start
     *                                              API
     */
    static NotificationFilter of(RekognitionVideo2Configuration configuration) {
        return new NotificationFilter(analysesOf(configuration.getNotificationApi()), configuration.getJobTag());
    }

    /** Whether the consumer takes the completions of {@code analysis}. */
    boolean takes(RekognitionVideo2Analysis analysis) {
        return analysis != null && analyses.contains(analysis);
    }

    /** Whether the consumer takes the completion of {@code analysis} that carries {@code tag}. */
    boolean takes(RekognitionVideo2Analysis analysis, String tag) {
        return takes(analysis) && (jobTag == null || jobTag.equals(tag));
    }

    /** The analyses of the notificationApi option, or an error naming the one that is not a Start API. */
    private static Set<RekognitionVideo2Analysis> analysesOf(String notificationApi) {
        Set<RekognitionVideo2Analysis> answer = EnumSet.noneOf(RekognitionVideo2Analysis.class);
        for (String api : notificationApi == null ? new String[0] : notificationApi.split(",")) {
            RekognitionVideo2Analysis analysis = RekognitionVideo2Analysis.ofStartApi(api.trim());
            if (analysis == null && !api.isBlank()) {
                List<String> startApis
                        = Arrays.stream(RekognitionVideo2Analysis.values()).map(RekognitionVideo2Analysis::startApi).toList();
                throw new RekognitionVideo2ValidationException(
                        "option notificationApi",
                        "'" + api.trim() + "' is not the Start operation of a Rekognition Video analysis: must be one "
                                                  + "or more of " + startApis
                                                  + ", separated by commas");
            }
            if (analysis != null) {
                answer.add(analysis);
            }
        }
        if (answer.isEmpty()) {
            throw new RekognitionVideo2ValidationException(
                    "option notificationApi",
                    "must name the analyses of the notifications to take, e.g. StartFaceDetection");
        }
        return answer;
    }
}
