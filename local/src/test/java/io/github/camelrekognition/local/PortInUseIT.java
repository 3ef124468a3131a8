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
                         + "for a free one)", error.getMessage());
        }
    }
}
