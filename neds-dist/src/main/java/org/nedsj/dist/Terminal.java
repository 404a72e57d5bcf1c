package org.nedsj.dist;

/** Whether standard output is a terminal (progress bars redraw in place there). */
final class Terminal {

    private Terminal() {
    }

    static boolean attached() {
        return System.console() != null;
    }
}
