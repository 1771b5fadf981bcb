package spk.builder;

import spfs.sync.SyncReporter;

/** Told how a build or test goes, e.g. to show progress on a terminal; silent by default. */
public interface BuildProgress {
    /** A new stage of the work begins (resolving, copying layers, running the script, ...). */
    default void step(String what) {}

    /** Told about layers copied between repositories. */
    default SyncReporter transfers() {
        return SyncReporter.NONE;
    }

    /** Progress that shows nothing. */
    BuildProgress NONE = new BuildProgress() {};
}
