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

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A port already in use is reported with the service, the port and the setting to change, and nothing stays up. */
class PortInUseIT {

    @Test
    void namesThePortTheServiceAndTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            IllegalStateException error = assertThrows(IllegalStateException.class,
                    () -> LocalRekognitionVideo.builder().snsPort(port).start());

            assertEquals("Cannot start the local Rekognition Video: port " + port + " of 127.0.0.1 for SNS is already "
                         + "in use: stop what uses it, or choose another port (snsPort, --sns-port of the program; 0 "
                         + "for a free one)",
                    error.getMessage());
        }
    }
}
