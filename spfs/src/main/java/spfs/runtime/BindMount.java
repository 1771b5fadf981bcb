package spfs.runtime;

import java.nio.file.Path;
import java.util.Objects;

/** One live-layer entry: a host file or directory bound onto a path under /spfs. */
public record BindMount(Path src, String dest) {
    public BindMount {
        Objects.requireNonNull(src);
        Objects.requireNonNull(dest);
    }

    /** The destination relative to /spfs ("/spfs/a/b" and "a/b" both give "a/b"). */
    public String relativeDest() {
        String d = dest;
        if (d.equals("/spfs") || d.startsWith("/spfs/")) {
            d = d.substring(5);
        }
        while (d.startsWith("/")) {
            d = d.substring(1);
        }
        return d;
    }
}
