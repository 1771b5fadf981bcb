package spfs.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.graph.Annotation;
import spfs.graph.AnnotationValue;
import spfs.graph.Blob;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.Platform;
import spfs.graph.SpfsObject;
import spfs.storage.Repository;
import spfs.tracking.DirNode;
import spfs.tracking.Layering;
import spfs.tracking.Manifests;

/**
 * A runtime stack seen as what it mounts: platforms expanded (recursively), duplicates kept at
 * their first place, each layer's manifest bottom first; annotation-only layers add no files.
 */
public final class StackLayers {
    private StackLayers() {}

    /** Layers and bare manifests of {@code stack} (bottom first), platforms expanded. */
    public static List<Digest> layers(Repository repo, List<Digest> stack) {
        LinkedHashSet<Digest> out = new LinkedHashSet<>();
        for (Digest d : stack) {
            expand(repo, d, out, 0);
        }
        return new ArrayList<>(out);
    }

    private static void expand(Repository repo, Digest d, LinkedHashSet<Digest> out, int depth) {
        if (depth > 256) {
            throw SpfsException.badInput("too-deep", "platforms nest deeper than 256");
        }
        SpfsObject o = repo.readObject(d);
        if (o instanceof Platform p) {
            for (Digest c : p.stack()) {
                expand(repo, c, out, depth + 1);
            }
        } else if (o instanceof Blob) {
            throw SpfsException.badInput("not-a-layer", d + " is a blob (a file), not a layer or platform");
        } else {
            out.add(d);
        }
    }

    /** The manifest digests that provide files, bottom first. */
    public static List<Digest> manifests(Repository repo, List<Digest> stack) {
        List<Digest> out = new ArrayList<>();
        for (Digest d : layers(repo, stack)) {
            SpfsObject o = repo.readObject(d);
            if (o instanceof Layer l) {
                l.manifest().ifPresent(out::add);
            } else if (o instanceof Manifest) {
                out.add(d);
            }
        }
        return out;
    }

    /** The whole stack merged into one tree (masks kept as markers). */
    public static DirNode mergedTree(Repository repo, List<Digest> manifestsBottomUp) {
        DirNode acc = DirNode.emptyRoot();
        for (Digest m : manifestsBottomUp) {
            acc = Layering.merge(acc, Manifests.read(repo, m));
        }
        return acc;
    }

    /** Annotations of the stack, first match per key in bottom-up order (as spfs looks them up). */
    public static Map<String, String> annotations(Repository repo, List<Digest> stack) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Digest d : layers(repo, stack)) {
            if (repo.readObject(d) instanceof Layer l) {
                for (Annotation a : l.annotations()) {
                    if (!out.containsKey(a.key())) {
                        out.put(a.key(), value(repo, a.value()));
                    }
                }
            }
        }
        return out;
    }

    /** One annotation's value, or empty. */
    public static Optional<String> annotation(Repository repo, List<Digest> stack, String key) {
        return Optional.ofNullable(annotations(repo, stack).get(key));
    }

    private static String value(Repository repo, AnnotationValue v) {
        if (v instanceof AnnotationValue.Text t) {
            return t.text();
        }
        Digest d = ((AnnotationValue.BlobRef) v).digest();
        try (InputStream in = repo.openPayload(d)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read annotation blob " + d + ": " + spfs.error.IoMessages.describe(e), e);
        }
    }
}
