package spk.cli.spfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Object> json = new LinkedHashMap<>();
        if (target == null) {
            SpfsObject o = repo.readObject(d);
            Manifest m = o instanceof Manifest mm ? mm : spfs.tracking.Manifests.toManifest(Layering.mergedTree(repo, d), ctx.config().newObjects());
            repo.writeObject(m);
            DirNode tree = o instanceof Manifest ? spfs.tracking.Manifests.read(repo, d) : spfs.tracking.Manifests.toTree(m);
            Path p = r.renderManifest(m.digest(), tree);
            json.put("paths_rendered", java.util.List.of(p.toString()));
        } else {
            DirNode tree = Layering.mergedTree(repo, d);
            r.renderInto(tree, target, allowExisting);
            json.put("paths_rendered", java.util.List.of(target.toAbsolutePath().toString()));
        }
        RenderSummary sum = r.summary();
        json.put("render_summary", sum);
        ctx.out().println(new ObjectMapper().writeValueAsString(json));
        ctx.out().flush();
        return 0;
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
