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
package io.github.camelrekognition.local.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.github.camelrekognition.local.DetectorSettings;
import io.github.camelrekognition.local.SampleVideos;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point2f;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.getRotationMatrix2D;
import static org.bytedeco.opencv.global.opencv_imgproc.warpAffine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Landmarks and pose on the evaluation photos, checked against what must hold whatever the true angles: the landmarks
 * lie on the annotated faces in their order, the roll follows a rotation of the photo, and a mirror turns yaw and roll
 * to their opposites.
 */
class FaceAttributesIT {

    private static FaceDetector detector;
    private static final List<Mat> PHOTOS = new ArrayList<>();

    @BeforeAll
    static void load() {
        detector = new FaceDetector(DetectorSettings.defaults());
        for (EvaluationSet.Photo photo : EvaluationSet.photos()) {
            PHOTOS.add(EvaluationSet.image(photo));
        }
    }

    @AfterAll
    static void close() {
        detector.close();
        PHOTOS.forEach(Mat::close);
    }

    @Test
    void landmarksLieOnTheAnnotatedFacesInTheirOrder() {
        List<EvaluationSet.Photo> photos = EvaluationSet.photos();
        int faces = 0;
        for (int p = 0; p < photos.size(); p++) {
            List<FaceDetector.DetectedFace> found = detector.detect(PHOTOS.get(p));
            for (SampleVideos.Box truth : photos.get(p).faces()) {
                FaceDetector.DetectedFace face = found.stream()
                        .filter(f -> truth.iou(box(f)) >= 0.3).findFirst().orElse(null);
                if (face == null) {
                    continue;
                }
                faces++;
                FaceGeometry.Landmarks l = face.landmarks();
                // the eyes and the nose on the face; the mouth corners may reach past the cheek of a turned face
                if (Math.abs(face.pose().yaw()) > 60) {
                    continue; // a profile: the far eye and ear, even the nose tip, are the model's guesses
                }
                for (FaceGeometry.Point point : List.of(l.eyeLeft(), l.eyeRight(), l.nose())) {
                    assertTrue(inside(point, truth, 0), photos.get(p).name() + ": " + point + " on " + truth);
                }
                for (FaceGeometry.Point point : List.of(l.mouthLeft(), l.mouthRight())) {
                    assertTrue(inside(point, truth, 0.15), photos.get(p).name() + ": " + point + " on " + truth);
                }
                // in the face's own upright frame: eyes above the nose, the nose above the mouth, left before right
                double roll = Math.toRadians(face.pose().roll());
                UnaryOperator<FaceGeometry.Point> upright = point -> new FaceGeometry.Point(
                        (float) (point.x() * Math.cos(-roll) - point.y() * Math.sin(-roll)),
                        (float) (point.x() * Math.sin(-roll) + point.y() * Math.cos(-roll)));
                FaceGeometry.Point eyeLeft = upright.apply(l.eyeLeft());
                FaceGeometry.Point eyeRight = upright.apply(l.eyeRight());
                FaceGeometry.Point nose = upright.apply(l.nose());
                FaceGeometry.Point mouthLeft = upright.apply(l.mouthLeft());
                FaceGeometry.Point mouthRight = upright.apply(l.mouthRight());
                assertTrue(eyeLeft.x() < eyeRight.x() && mouthLeft.x() < mouthRight.x(), "left before right");
                assertTrue(Math.max(eyeLeft.y(), eyeRight.y()) < nose.y() && nose.y() < mouthLeft.y(),
                        photos.get(p).name() + ": eyes, then nose, then mouth");
            }
        }
        assertEquals(22, faces, "every annotated face found on the photos");
    }

    /**
     * Rotating the photo by an angle turns every face's roll by that angle (OpenCV's angle is anticlockwise): within 5
     * degrees on average, 12 at most.
     */
    @ParameterizedTest
    @ValueSource(ints = { -30, -15, 15, 30 })
    void rollFollowsARotationOfThePhoto(int degrees) {
        int faces = 0;
        double errors = 0;
        double worst = 0;
        for (Mat photo : PHOTOS) {
            Point2f centre = new Point2f(photo.cols() / 2f, photo.rows() / 2f);
            try (Mat rotation = getRotationMatrix2D(centre, degrees, 1.0); Mat rotated = new Mat()) {
                warpAffine(photo, rotated, rotation, new Size(photo.cols(), photo.rows()), INTER_LINEAR,
                        BORDER_CONSTANT, new Scalar(0, 0, 0, 0));
                double a = Math.toRadians(degrees);
                for (FaceDetector.DetectedFace before : detector.detect(photo)) {
                    if (Math.abs(before.pose().yaw()) > 60) {
                        continue; // a profile: the eye line is not seen
                    }
                    // where its nose went: x' = c + (x - c) cos a + (y - c) sin a, y' = c - (x - c) sin a + (y - c) cos a
                    double dx = before.landmarks().nose().x() - centre.x();
                    double dy = before.landmarks().nose().y() - centre.y();
                    FaceGeometry.Point nose = new FaceGeometry.Point(
                            (float) (centre.x() + dx * Math.cos(a) + dy * Math.sin(a)),
                            (float) (centre.y() - dx * Math.sin(a) + dy * Math.cos(a)));
                    FaceDetector.DetectedFace after = nearest(detector.detect(rotated), nose, before.box().width() / 4);
                    if (after == null) {
                        continue; // rotated partly out of the photo
                    }
                    faces++;
                    double error = Math.abs(before.pose().roll() - degrees - after.pose().roll());
                    errors += error;
                    worst = Math.max(worst, error);
                }
            }
        }
        System.out.printf("rotated by %d degrees: %d faces, roll off by %.1f degrees on average, %.1f at most%n",
                degrees, faces, errors / faces, worst);
        assertTrue(faces >= 15, faces + " faces compared");
        assertTrue(errors / faces <= 5, "mean error " + errors / faces);
        assertTrue(worst <= 12, "largest error " + worst);
    }

    @Test
    void aMirrorTurnsYawAndRollToTheirOpposites() {
        int faces = 0;
        for (Mat photo : PHOTOS) {
            try (Mat mirrored = new Mat()) {
                flip(photo, mirrored, 1);
                List<FaceDetector.DetectedFace> inMirror = detector.detect(mirrored);
                for (FaceDetector.DetectedFace before : detector.detect(photo)) {
                    FaceGeometry.Point nose = new FaceGeometry.Point(
                            photo.cols() - before.landmarks().nose().x(),
                            before.landmarks().nose().y());
                    FaceDetector.DetectedFace after = nearest(inMirror, nose, before.box().width() / 4);
                    assertNotNull(after, "the face is found in the mirror too");
                    faces++;
                    assertEquals(-before.pose().roll(), after.pose().roll(), 8, "roll in the mirror");
                    if (Math.abs(before.pose().yaw()) <= 60) {
                        // on a profile, the far eye and ear are the model's guesses
                        assertEquals(-before.pose().yaw(), after.pose().yaw(), 12, "yaw in the mirror");
                    }
                    assertEquals(before.pose().pitch(), after.pose().pitch(), 8, "pitch in the mirror");
                    // eyeLeft is still the eye on the left of the image
                    assertTrue(after.landmarks().eyeLeft().x() < after.landmarks().eyeRight().x()
                            || Math.abs(after.pose().roll()) > 60);
                }
            }
        }
        assertEquals(22, faces);
    }

    private static FaceDetector.DetectedFace nearest(
            List<FaceDetector.DetectedFace> faces, FaceGeometry.Point point,
            float within) {
        FaceDetector.DetectedFace best = null;
        double distance = within;
        for (FaceDetector.DetectedFace face : faces) {
            double d = Math.hypot(face.landmarks().nose().x() - point.x(), face.landmarks().nose().y() - point.y());
            if (d <= distance) {
                distance = d;
                best = face;
            }
        }
        return best;
    }

    private static SampleVideos.Box box(FaceDetector.DetectedFace face) {
        return new SampleVideos.Box(face.box().x(), face.box().y(), face.box().width(), face.box().height());
    }

    private static boolean inside(FaceGeometry.Point point, SampleVideos.Box box, double margin) {
        double mx = box.width() * margin;
        double my = box.height() * margin;
        return point.x() >= box.x() - mx && point.x() <= box.x() + box.width() + mx
                && point.y() >= box.y() - my && point.y() <= box.y() + box.height() + my;
    }
}
