package spk.cli.spfs;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.graph.Annotation;
import spfs.graph.Blob;
import spfs.graph.Entry;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.Platform;
import spfs.graph.SpfsObject;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.tag.TagSpec;

/** {@code spfs info REF...}: describe stored objects. */
@Command(name = "info", description = "Describe objects; without REF, the current runtime.")
public final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Option(names = "--short", description = "Shorten digests.")
    boolean shortDigests;

    @Option(names = "--tags", description = "Show the tags that point at each object.")
    boolean showTags;

    @Parameters(paramLabel = "REF", arity = "0..*")
    List<String> refs = List.of();

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        if (refs.isEmpty()) {
            return runtimeInfo(ctx);
        }
        int detail = ctx.verbosity() == 0 ? 10 : ctx.verbosity() == 1 ? 50 : Integer.MAX_VALUE;
        try (Repository repo = ctx.repo(remote)) {
            for (String ref : refs) {
                Digest d = Refs.resolveDigest(repo, ref);
                SpfsObject o = repo.readObject(d);
                var out = ctx.out();
                out.println(o.kind().label() + ":");
                out.println(" refs: " + name(repo, d));
                if (o instanceof Platform p) {
                    out.println(" stack (top-down):");
                    for (Digest l : p.topDown()) {
                        out.println("  - " + name(repo, l));
                    }
                } else if (o instanceof Layer l) {
                    out.println(" manifest: " + l.manifest().map(m -> name(repo, m)).orElse("none"));
                    if (!l.annotations().isEmpty()) {
                        out.println(" annotations:");
                        for (Annotation a : l.annotations()) {
                            out.println("  " + a.key() + ": " + a.value());
                        }
                    }
                } else if (o instanceof Manifest m) {
                    List<Entry> root = m.root().entries();
                    out.println(" trees: " + m.trees().size());
                    out.println(" entries:");
                    for (int i = 0; i < Math.min(detail, root.size()); i++) {
                        Entry e = root.get(i);
                        out.printf("  %06o %s %s%s%n", e.mode(), e.kind().legacyName(), e.name(), e.isTree() ? "/" : "");
                    }
                    if (root.size() > detail) {
                        out.println("  ... " + (root.size() - detail) + " more (use -v or -vv)");
                    }
                } else {
                    Blob b = (Blob) o;
                    out.println(" size: " + b.size());
                }
            }
        }
        ctx.out().flush();
        return 0;
    }

    @Option(names = "--get", paramLabel = "KEY", description = "Print one annotation of the current runtime.")
    String get;

    @Option(names = "--get-all", description = "Print all annotations of the current runtime.")
    boolean getAll;

    private Integer runtimeInfo(SpfsContext ctx) {
        spfs.runtime.RuntimeStorage storage = RuntimeSupport.storage(ctx);
        spfs.runtime.RuntimeData rt = spfs.runtime.ActiveRuntime.current(storage, ctx.environment());
        Repository repo = storage.repository();
        var out = ctx.out();
        if (get != null || getAll) {
            var notes = spfs.runtime.StackLayers.annotations(storage.repository(), rt.status().stack());
            if (get != null) {
                if (!notes.containsKey(get)) {
                    throw SpfsException.notFound("unknown-annotation", "the runtime has no annotation '" + get + "'");
                }
                out.println(notes.get(get));
            } else {
                notes.forEach((k, v) -> out.println(k + ": " + v));
            }
            out.flush();
            return 0;
        }
        out.println("runtime: " + rt.name());
        out.println(" editable: " + rt.status().editable());
        out.println(" durable: " + rt.config().durable());
        out.println(" backend: " + rt.config().mountBackend().name());
        out.println(" stack (top-down):");
        for (Digest d : rt.status().topDown()) {
            out.println("  - " + name(repo, d));
        }
        boolean dirty = false;
        if (rt.config().mountBackend().hasUpperDir()) {
            spfs.runtime.ActiveRuntime active = RuntimeSupport.active(ctx, storage, spfs.mount.Linux.load());
            dirty = active.upperDir(rt).isDirty(active.lowerTree(rt));
        }
        out.println(dirty ? "Active Changes (see spfs diff)" : "No Active Changes");
        out.flush();
        return 0;
    }

    private String name(Repository repo, Digest d) {
        String s = shortDigests ? Refs.shorten(repo, d) : d.toString();
        if (showTags) {
            List<TagSpec> t = repo.findTags(d);
            if (!t.isEmpty()) {
                s += " - " + String.join(", ", t.stream().map(TagSpec::toString).toList());
            }
        }
        return s;
    }
}
