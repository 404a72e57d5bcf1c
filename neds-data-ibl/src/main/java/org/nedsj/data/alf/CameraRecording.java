package org.nedsj.data.alf;

/**
 * A camera's ROI motion energy, one value per frame, with the frame times after the trimming rule
 * (more timestamps than frames: the last ones are kept).
 *
 * @param camera       left, right or body
 * @param times        frame times, seconds, non-decreasing
 * @param motionEnergy one value per frame (NaN where a frame has none)
 * @param trimmed      leading timestamps dropped by the trimming rule
 */
public record CameraRecording(String camera, double[] times, double[] motionEnergy, int trimmed) {
}
