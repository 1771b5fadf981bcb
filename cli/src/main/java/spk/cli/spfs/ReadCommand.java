package spk.cli.spfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.graph.Blob;
import spfs.graph.SpfsObject;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.tracking.FileNode;
import spfs.tracking.Layering;
import spfs.tracking.Node;

/** {@code spfs read REF [PATH]}: print a blob, or a file inside a layer or platform. */
@Command(name = "read", aliases = {"read-file", "cat", "cat-file"}, description = "Print a stored file.")
public final class ReadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"})
    String remote;

    @Parameters(index = "0", paramLabel = "REF")
    String ref;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH")
    String path;

    /** Where bytes go; standard output unless a test replaces it. */
    OutputStream sink = System.out;

    @Override
    public Integer call() throws IOException {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote)) {
            Digest d = Refs.resolveDigest(repo, ref);
            Digest payload;
            SpfsObject o = repo.readObject(d);
            if (o instanceof Blob b) {
                payload = b.payload();
            } else {
                if (path == null) {
                    throw SpfsException.badInput("needs-path", ref + " is a " + o.kind().label() + ": give the PATH of a file in it");
                }
                Node n = Layering.lookup(Layering.mergedTree(repo, d), path)
                        .orElseThrow(() -> SpfsException.notFound("no-such-path", "'" + path + "' does not exist in " + ref));
                if (!(n instanceof FileNode f)) {
                    throw SpfsException.badInput("not-a-file", "'" + path + "' in " + ref + " is a directory");
                }
                payload = f.object();
            }
            ctx.out().flush();
            try (InputStream in = repo.openPayload(payload)) {
                in.transferTo(sink);
            }
            sink.flush();
        }
        return 0;
    }
}
