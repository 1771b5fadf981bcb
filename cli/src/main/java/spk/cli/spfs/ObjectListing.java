package spk.cli.spfs;

import java.util.List;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.graph.ObjectKind;
import spfs.storage.Refs;
import spfs.storage.Repository;
import spfs.tag.TagSpec;

/** Shared by {@code layers} and {@code platforms}: every stored object of one kind. */
final class ObjectListing {
    private ObjectListing() {}

    static void print(SpfsContext ctx, Repository repo, ObjectKind kind, boolean shortDigests, boolean tags) {
        List<Digest> all;
        try (Stream<Digest> s = repo.objectDigests()) {
            all = s.sorted().toList();
        }
        for (Digest d : all) {
            ObjectKind k;
            try {
                k = repo.readObject(d).kind();
            } catch (spfs.error.SpfsException e) {
                ctx.err().println("warning: " + e.getMessage());
                continue;
            }
            if (k != kind) {
                continue;
            }
            String line = shortDigests ? Refs.shorten(repo, d) : d.toString();
            if (tags) {
                List<TagSpec> t = repo.findTags(d);
                if (!t.isEmpty()) {
                    line += " - " + String.join(", ", t.stream().map(TagSpec::toString).toList());
                }
            }
            ctx.out().println(line);
        }
        ctx.out().flush();
    }
}
