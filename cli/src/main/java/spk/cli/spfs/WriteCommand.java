package spk.cli.spfs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import spfs.error.SpfsException;
import spfs.graph.Blob;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.WriteSession;
import spfs.tag.TagSpec;

/** {@code spfs write [-f FILE] [-t TAG]}: store standard input or a file as a blob. */
@Command(name = "write", aliases = "write-file", description = "Store a file (or standard input) as a blob.")
public final class WriteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE")
    Path file;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG")
    List<String> tags = new ArrayList<>();

    /** Where input comes from without -f; standard input unless a test replaces it. */
    InputStream source = System.in;

    @Override
    public Integer call() throws IOException {
        List<TagSpec> specs = tags.stream().map(TagSpec::parseName).toList();
        SpfsContext ctx = SpfsContext.of(spec);
        try (WriteSession repo = ctx.local().beginWrite()) {
            PayloadWrite w;
            if (file != null) {
                if (!Files.isRegularFile(file)) {
                    throw SpfsException.badInput("not-a-file", "'" + file + "' is not a readable file");
                }
                int mode = (Integer) Files.getAttribute(file, "unix:mode");
                try (InputStream in = Files.newInputStream(file)) {
                    w = repo.writePayload(in, mode);
                }
            } else {
                w = repo.writePayload(source, -1);
            }
            repo.writeObject(new Blob(w.digest(), w.size(), ctx.config().newObjects()));
            repo.flush();
            for (TagSpec t : specs) {
                repo.pushTag(t, w.digest(), ctx.config().tagAuthor());
            }
            ctx.out().println("created: " + w.digest());
        }
        ctx.out().flush();
        return 0;
    }
}
