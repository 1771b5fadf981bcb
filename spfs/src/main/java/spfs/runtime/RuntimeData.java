package spfs.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import spfs.encoding.Digest;
import spfs.graph.Platform;

/** Everything stored about one runtime: its name, author, status and configuration. */
public record RuntimeData(String name, Author author, Status status, RuntimeConfig config) {
    public RuntimeData {
        Objects.requireNonNull(name);
        Objects.requireNonNull(author);
        Objects.requireNonNull(status);
        Objects.requireNonNull(config);
    }

    public RuntimeData withStatus(Status s) {
        return new RuntimeData(name, author, s, config);
    }

    public RuntimeData withConfig(RuntimeConfig c) {
        return new RuntimeData(name, author, status, c);
    }

    /** The platform stored beside the record so that clean keeps every layer (and flattened layer) alive. */
    public Platform toPlatform(spfs.graph.ObjectFormat format) {
        List<Digest> all = new ArrayList<>(status.stack());
        all.addAll(status.flattenedLayers());
        return new Platform(all, format);
    }
}
