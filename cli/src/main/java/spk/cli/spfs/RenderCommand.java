package spk.cli.spfs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.encoding.Digest;
import spfs.graph.Manifest;
import spfs.graph.SpfsObject;
import spfs.render.RenderStrategy;
import spfs.render.RenderSummary;
import spfs.render.Renderer;
import spfs.storage.Refs;
import spfs.storage.fs.FsRepository;
import spfs.tracking.DirNode;
import spfs.tracking.Layering;

/** {@code spfs render REF [DIR]}: materialise a ref as real files. */
@Command(name = "render", description = "Render a ref into a directory (default: copies) or into the repository's render store (hard links).")
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REF")
    String ref;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET_DIR")
    Path target;

    @Option(names = "--strategy", description = "HardLink, HardLinkNoProxy or Copy.")
    String strategy;

    @Option(names = "--allow-existing", description = "Render into a directory that is not empty.")
    boolean allowExisting;

    @Override
    public Integer call() throws Exception {
        RenderStrategy s = parse(strategy, target == null ? RenderStrategy.HARD_LINK : RenderStrategy.COPY);
        SpfsContext ctx = SpfsContext.of(spec);
        FsRepository repo = ctx.local();
        Digest d = Refs.resolveDigest(repo, ref);
        Renderer r = new Renderer(repo, s, ctx.ioWorkers("SPFS_RENDER_MAX_CONCURRENT_BLOBS"),
                ctx.config().allowPayloadSharingBetweenUsers());
        Path rendered;
        if (target == null) {
            SpfsObject o = repo.readObject(d);
            Manifest m = o instanceof Manifest mm ? mm : spfs.tracking.Manifests.toManifest(Layering.mergedTree(repo, d), ctx.config().newObjects());
            repo.writeObject(m);
            DirNode tree = o instanceof Manifest ? spfs.tracking.Manifests.read(repo, d) : spfs.tracking.Manifests.toTree(m);
            rendered = r.renderManifest(m.digest(), tree);
        } else {
            DirNode tree = Layering.mergedTree(repo, d);
            r.renderInto(tree, target, allowExisting);
            rendered = target.toAbsolutePath();
        }
        ctx.out().println(json(rendered, r.summary()));
        ctx.out().flush();
        return 0;
    }

    /**
     * The report, written field by field: Jackson's data binding of the summary record cost a
     * cold JVM ~100 ms of introspection, a fifth of a whole render (docs/benchmarks.md).
     */
    static String json(Path rendered, RenderSummary sum) throws IOException {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeArrayFieldStart("paths_rendered");
            g.writeString(rendered.toString());
            g.writeEndArray();
            g.writeObjectFieldStart("render_summary");
            g.writeNumberField("entries", sum.entries());
            g.writeNumberField("linked", sum.linked());
            g.writeNumberField("alreadyExisted", sum.alreadyExisted());
            g.writeNumberField("copied", sum.copied());
            g.writeNumberField("copiedLinkLimit", sum.copiedLinkLimit());
            g.writeNumberField("symlinks", sum.symlinks());
            g.writeNumberField("directories", sum.directories());
            g.writeNumberField("bytes", sum.bytes());
            g.writeEndObject();
            g.writeEndObject();
        }
        return w.toString();
    }

    private static RenderStrategy parse(String text, RenderStrategy dflt) {
        if (text == null) {
            return dflt;
        }
        return switch (text.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "")) {
            case "hardlink" -> RenderStrategy.HARD_LINK;
            case "hardlinknoproxy" -> RenderStrategy.HARD_LINK_NO_PROXY;
            case "copy" -> RenderStrategy.COPY;
            default -> throw spfs.error.SpfsException.badInput("invalid-strategy",
                    "unknown render strategy '" + text + "' (HardLink, HardLinkNoProxy or Copy)");
        };
    }
}
