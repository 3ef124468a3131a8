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

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * A video with known text, for the text detector's evaluation and the examples' text routes: captions in several fonts
 * (DejaVu Sans, Serif and Mono, plain and bold), sizes (20 to 56 pixels), angles (up to 15 degrees), contrasts (light
 * on dark, dark on light, grey on grey) and backgrounds (on a box, or straight on the photo of the sample videos),
 * moving across a 1280x720 frame.
 */
public final class TextSamples {

    /** A caption: its text and look, where it starts and how fast it moves (pixels per second). */
    public record Caption(String text, String family, int style, int size, double degrees, Color ink, Color box, double x,
            double y, double dx, double dy) {

        public Font font() {
            return new Font(family, style, size);
        }

        /** Where the caption's baseline starts at {@code seconds}. */
        public Point2D.Double at(double seconds) {
            return new Point2D.Double(x + dx * seconds, y + dy * seconds);
        }
    }

    /** A caption as drawn in a frame: its text and the corners of its text's box. */
    public record Drawn(Caption caption, List<Point2D> corners) {

        public Point2D centre() {
            double cx = 0;
            double cy = 0;
            for (Point2D p : corners) {
                cx += p.getX() / 4;
                cy += p.getY() / 4;
            }
            return new Point2D.Double(cx, cy);
        }
    }

    static final Color DARK = new Color(25, 35, 60);
    public static final List<Caption> CAPTIONS = List.of(
            new Caption("EMERGENCY EXIT", "DejaVu Sans", Font.BOLD, 48, 0, Color.WHITE, DARK, 80, 110, 40, 0),
            new Caption(
                    "Platform 9 to Camden Town", "DejaVu Serif", Font.PLAIN, 30, 0, Color.WHITE, DARK, 640, 210, -30,
                    10),
            new Caption("OPEN 24 HOURS", "DejaVu Sans Mono", Font.BOLD, 34, -10, Color.YELLOW, DARK, 120, 420, 20, -10),
            new Caption(
                    "Visitors sign in at reception", "DejaVu Sans", Font.PLAIN, 22, 0, DARK, new Color(235, 235, 225),
                    560, 560, 0, -15),
            new Caption(
                    "Speed limit 30", "DejaVu Sans", Font.BOLD, 40, 12, new Color(20, 20, 20),
                    new Color(240, 240, 240), 820, 420, -25, 0),
            new Caption(
                    "Gate B12 closes at 14:45", "DejaVu Serif", Font.BOLD, 32, 0, new Color(190, 190, 190),
                    new Color(80, 80, 80), 120, 660, 30, 0),
            new Caption("Welcome", "DejaVu Serif", Font.BOLD, 56, -5, Color.WHITE, null, 900, 130, -20, 5));

    public static final int SECONDS = 4;

    private TextSamples() {
    }

    /** The captions as drawn at {@code seconds}, with their boxes. */
    public static List<Drawn> drawnAt(double seconds) {
        List<Drawn> drawn = new ArrayList<>();
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = scratch.createGraphics();
        for (Caption caption : CAPTIONS) {
            Rectangle2D bounds = g.getFontMetrics(caption.font()).getStringBounds(caption.text(), g);
            Point2D.Double at = caption.at(seconds);
            AffineTransform turn = AffineTransform.getRotateInstance(Math.toRadians(caption.degrees()), at.x, at.y);
            List<Point2D> corners = new ArrayList<>();
            double top = at.y + bounds.getY();
            double bottom = top + bounds.getHeight();
            for (double[] c : new double[][] {
                    { at.x, top }, { at.x + bounds.getWidth(), top },
                    { at.x + bounds.getWidth(), bottom }, { at.x, bottom } }) {
                corners.add(turn.transform(new Point2D.Double(c[0], c[1]), null));
            }
            drawn.add(new Drawn(caption, corners));
        }
        g.dispose();
        return drawn;
    }

    /** The frame at {@code seconds}: the photo, then the captions. */
    public static BufferedImage frameAt(BufferedImage photo, double seconds) {
        BufferedImage frame = new BufferedImage(SampleVideos.WIDTH, SampleVideos.HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(photo, 0, 0, SampleVideos.WIDTH, SampleVideos.HEIGHT, null);
        for (Caption caption : CAPTIONS) {
            Point2D.Double at = caption.at(seconds);
            AffineTransform before = g.getTransform();
            g.rotate(Math.toRadians(caption.degrees()), at.x, at.y);
            g.setFont(caption.font());
            Rectangle2D bounds = g.getFontMetrics().getStringBounds(caption.text(), g);
            if (caption.box() != null) {
                int pad = caption.size() / 3;
                g.setColor(caption.box());
                g.fillRect((int) (at.x - pad), (int) (at.y + bounds.getY() - pad), (int) (bounds.getWidth() + 2 * pad),
                        (int) (bounds.getHeight() + 2 * pad));
            }
            g.setColor(caption.ink());
            g.drawString(caption.text(), (float) at.x, (float) at.y);
            g.setTransform(before);
        }
        g.dispose();
        return frame;
    }

    /** The photo of the sample videos. */
    public static BufferedImage photo() {
        try (InputStream in = TextSamples.class.getClassLoader()
                .getResourceAsStream("io/github/camelrekognition/local/samples/face-api-sample3.jpg")) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The captions over the photo, {@value #SECONDS} s, composed once (1280x720, 25 fps, H.264 MP4, in
     * {@link SampleVideos#videos()}). Drawn with Java2D in the DejaVu fonts, which must be installed.
     */
    public static synchronized Path video() {
        Path file = SampleVideos.videos().resolve("captions.mp4");
        if (!Files.exists(file)) {
            BufferedImage photo = photo();
            SampleVideos.record(file, SECONDS * SampleVideos.FPS, false,
                    i -> mat(frameAt(photo, (double) i / SampleVideos.FPS)));
        }
        return file;
    }

    public static Mat mat(BufferedImage image) {
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Mat mat = new Mat(image.getHeight(), image.getWidth(), opencv_core.CV_8UC3);
        mat.data().put(bgr);
        return mat;
    }
}
