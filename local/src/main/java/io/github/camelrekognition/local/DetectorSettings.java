package io.github.camelrekognition.local;

/**
 * How frames are sampled and faces detected.
 *
 * @param samplingIntervalMillis one frame is analysed every this many milliseconds of video (Rekognition's own
 *                               results come about every 200 ms)
 * @param detectionHeight        frames taller than this are scaled down to it before detection
 * @param scaleFactor            the cascade's step between scales
 * @param minNeighbors           overlapping windows needed to accept a face
 * @param minFaceSize            smallest face, in pixels at the detection height
 */
public record DetectorSettings(long samplingIntervalMillis, int detectionHeight, double scaleFactor, int minNeighbors,
        int minFaceSize) {

    /** 200 ms sampling; LBP at scale step 1.2, 4 neighbours, faces from 48 px on frames of at most 720 rows. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(200, 720, 1.2, 4, 48);
    }

    public DetectorSettings withSamplingIntervalMillis(long millis) {
        return new DetectorSettings(millis, detectionHeight, scaleFactor, minNeighbors, minFaceSize);
    }
}
