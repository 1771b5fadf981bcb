package spk.cli.spfs;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.error.SpfsException;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.Layering;
import spfs.tracking.MaskNode;
import spfs.tracking.Node;

/** {@code spfs ls REF [PATH]}: list a stored directory. */
@Command(name = "ls", aliases = {"list-dir", "list"}, description = "List the contents of a stored directory.")
public final class LsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Option(names = {"-R", "--recursive"})
    boolean recursive;

    @Option(names = {"-l", "--long"}, description = "Show mode, size and digest.")
    boolean longFormat;

    @Parameters(index = "0", paramLabel = "REF")
    String ref;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = "/spfs")
    String path;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            DirNode root = Layering.mergedTree(repo, Refs.resolveDigest(repo, ref));
            Node n = Layering.lookup(root, path).orElseThrow(() -> SpfsException.notFound("no-such-path",
                    "'" + path + "' does not exist in " + ref));
            if (n instanceof DirNode d) {
                print(ctx, d, "");
            } else {
                ctx.out().println(line(path.substring(path.lastIndexOf('/') + 1), n));
            }
        }
        ctx.out().flush();
        return 0;
    }

    private void print(SpfsContext ctx, DirNode d, String prefix) {
        for (Map.Entry<String, Node> e : d.children().entrySet()) {
            if (e.getValue() instanceof MaskNode) {
                continue;
            }
            String name = prefix + e.getKey() + (e.getValue() instanceof DirNode ? "/" : "");
            ctx.out().println(line(name, e.getValue()));
            if (recursive && e.getValue() instanceof DirNode sub) {
                print(ctx, sub, prefix + e.getKey() + "/");
            }
        }
    }

    private String line(String name, Node n) {
        if (!longFormat) {
            return name;
        }
        String size = n instanceof FileNode f ? Long.toString(f.size()) : "-";
        String digest = n instanceof FileNode f ? f.object().shortText(10) : "-";
        return String.format("%06o %12s %-10s %s", n.mode(), size, digest, name);
    }
}
