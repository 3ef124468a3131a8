package io.github.camelrekognition.examples.java;

import org.apache.camel.main.Main;

/** Camel Main: the route builders of this package ({@link FaceDetectionRoutes}) and {@code application.properties}. */
public final class FaceDetectionApplication {

    private FaceDetectionApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main(FaceDetectionApplication.class);
        main.run(args);
    }
}
