package spfs.mount;

import spfs.error.SpfsException;

/**
 * How a runtime's /spfs is made (spfs's {@code filesystem.backend}): overlayfs over rendered
 * layers (the default), overlayfs over a FUSE view of the repository, or the FUSE view alone.
 */
public sealed interface MountBackend permits MountBackend.OverlayFsWithRenders, MountBackend.OverlayFsWithFuse,
        MountBackend.FuseOnly {
    /** The name spfs writes into runtime records and reads from its config. */
    String name();

    /** Whether a FUSE server presents the layers (no renders, no masks: the view is merged). */
    boolean usesFuse();

    /** Whether /spfs is an overlay with a writable upper directory (edit, commit, reset). */
    boolean hasUpperDir();

    /** Each layer rendered to a directory, stacked as overlay lower directories. */
    record OverlayFsWithRenders() implements MountBackend {
        @Override
        public String name() {
            return "OverlayFsWithRenders";
        }

        @Override
        public boolean usesFuse() {
            return false;
        }

        @Override
        public boolean hasUpperDir() {
            return true;
        }
    }

    /** A read-only FUSE view of the stack as the single overlay lower directory. */
    record OverlayFsWithFuse() implements MountBackend {
        @Override
        public String name() {
            return "OverlayFsWithFuse";
        }

        @Override
        public boolean usesFuse() {
            return true;
        }

        @Override
        public boolean hasUpperDir() {
            return true;
        }
    }

    /** The read-only FUSE view mounted on /spfs directly. */
    record FuseOnly() implements MountBackend {
        @Override
        public String name() {
            return "FuseOnly";
        }

        @Override
        public boolean usesFuse() {
            return true;
        }

        @Override
        public boolean hasUpperDir() {
            return false;
        }
    }

    MountBackend RENDERS = new OverlayFsWithRenders();
    MountBackend OVERLAY_FUSE = new OverlayFsWithFuse();
    MountBackend FUSE_ONLY = new FuseOnly();

    /** Reads a backend name as spfs spells it (case-insensitive). */
    static MountBackend parse(String name) {
        for (MountBackend b : new MountBackend[] {RENDERS, OVERLAY_FUSE, FUSE_ONLY}) {
            if (b.name().equalsIgnoreCase(name)) {
                return b;
            }
        }
        throw SpfsException.badInput("invalid-config", "unknown filesystem backend '" + name
                + "' (use OverlayFsWithRenders, OverlayFsWithFuse or FuseOnly)");
    }
}
