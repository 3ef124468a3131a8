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

/**
 * From the six keypoints of BlazeFace to what Rekognition reports: the bounding box in Rekognition's convention, the
 * five landmarks of {@code DEFAULT}, and the pose. All in pixels of the frame; docs/local-server.md gives the formulas.
 * <p>
 * The keypoints, in the model's order: the eye on the left of the image (for an upright face), the other eye, the nose
 * tip, the mouth centre, the ear tragion on the left of the image, the other one; as 12 floats x0, y0, x1, y1, ...
 */
public final class FaceGeometry {

    /**
     * Rekognition's box (forehead to chin, cheek to cheek) from the model's square box, which reaches from mid-forehead
     * to the chin: 0.93 times as wide, 1.12 times as tall, its centre moved up by 0.05 of the model's box. These are
     * the median ratios between the model's boxes and the hand-annotated boxes of the evaluation set
     * (docs/local-server.md).
     */
    static final float BOX_WIDTH = 0.93f;
    static final float BOX_HEIGHT = 1.12f;
    /** How far the box's centre moves down (negative: up), in heights of the model's box. */
    static final float BOX_SHIFT = -0.05f;
    /** Half the mouth's width, in eye distances (the mouth is about 0.8 times as wide as the eyes are apart). */
    static final float MOUTH_HALF_WIDTH = 0.4f;
    /**
     * Where the nose tip lies between the eye line (0) and the mouth (1) on a face looking straight ahead: the median
     * of the evaluation set, whose faces are nearly all level.
     */
    static final float NOSE_AT = 0.56f;
    /** The eye-to-mouth distance over how far the nose tip stands out of the face, for the pitch. */
    static final float NOSE_DEPTH_RATIO = 2.0f;

    /** A face box in pixels: left, top, width, height. */
    public record Box(float x, float y, float width, float height) {
    }

    /** A point in pixels of the frame. */
    public record Point(float x, float y) {
    }

    /** Rekognition's five DEFAULT landmarks. */
    public record Landmarks(Point eyeLeft, Point eyeRight, Point nose, Point mouthLeft, Point mouthRight) {
    }

    /** Degrees: roll in the image plane, yaw left-right, pitch up-down. */
    public record Pose(float roll, float yaw, float pitch) {
    }

    private FaceGeometry() {
    }

    /** Rekognition's box from the model's box (centre and size, pixels), within the frame. */
    static Box box(float centreX, float centreY, float width, float height, int frameWidth, int frameHeight) {
        float w = width * BOX_WIDTH;
        float h = height * BOX_HEIGHT;
        float left = centreX - w / 2;
        float top = centreY + height * BOX_SHIFT - h / 2;
        float right = Math.min(frameWidth, left + w);
        float bottom = Math.min(frameHeight, top + h);
        left = Math.max(0, left);
        top = Math.max(0, top);
        return new Box(left, top, Math.max(0, right - left), Math.max(0, bottom - top));
    }

    /**
     * The eyes and nose are the model's keypoints; the mouth corners lie on the mouth centre's line parallel to the
     * eyes, {@value #MOUTH_HALF_WIDTH} eye distances on either side.
     */
    static Landmarks landmarks(float[] k) {
        float eyeDx = k[2] - k[0];
        float eyeDy = k[3] - k[1];
        return new Landmarks(
                new Point(k[0], k[1]), new Point(k[2], k[3]), new Point(k[4], k[5]),
                new Point(k[6] - MOUTH_HALF_WIDTH * eyeDx, k[7] - MOUTH_HALF_WIDTH * eyeDy),
                new Point(k[6] + MOUTH_HALF_WIDTH * eyeDx, k[7] + MOUTH_HALF_WIDTH * eyeDy));
    }

    /**
     * Roll: the angle of the eye line and of the face's vertical axis, summed as vectors (positive when the face leans
     * clockwise in the image). Yaw: from where the nose tip lies between the ears,
     * {@code atan(offset / half ear distance)} (positive when the face turns towards the right of the image). Pitch:
     * from where the nose tip lies between the eye line and the mouth, {@code atan(2 * (0.56 - position))} (positive
     * when the face looks up). Yaw and pitch are measured after undoing the roll.
     */
    static Pose pose(float[] k) {
        // the eye line, plus the face's vertical axis (eyes' middle to mouth) turned a quarter: the eyes alone give
        // no direction on a profile, where they nearly meet
        double axisX = k[6] - (k[0] + k[2]) / 2;
        double axisY = k[7] - (k[1] + k[3]) / 2;
        double roll = Math.atan2(k[3] - k[1] - axisX, k[2] - k[0] + axisY);
        double cos = Math.cos(-roll);
        double sin = Math.sin(-roll);
        double originX = (k[0] + k[2]) / 2;
        double originY = (k[1] + k[3]) / 2;
        double[] upright = new double[12];
        for (int i = 0; i < 12; i += 2) {
            double x = k[i] - originX;
            double y = k[i + 1] - originY;
            upright[i] = x * cos - y * sin;
            upright[i + 1] = x * sin + y * cos;
        }
        double earsMiddle = (upright[8] + upright[10]) / 2;
        double halfEars = Math.abs(upright[10] - upright[8]) / 2;
        double yaw = Math.atan2(upright[4] - earsMiddle, halfEars);
        double mouth = upright[7];
        double noseAt = mouth > 0 ? upright[5] / mouth : NOSE_AT;
        double pitch = Math.atan(NOSE_DEPTH_RATIO * (NOSE_AT - noseAt));
        return new Pose((float) Math.toDegrees(roll), (float) Math.toDegrees(yaw), (float) Math.toDegrees(pitch));
    }
}
