package spfs.storage;

import java.util.List;
import java.util.Optional;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.AmbiguousReferenceException;
import spfs.error.SpfsException;
import spfs.error.UnknownReferenceException;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/**
 * Resolves what users type as a ref, in spfs's order: full digest, partial digest, tag. Unlike
 * spfs, a base32-looking name that matches no object is then tried as a tag.
 */
public final class Refs {
    private Refs() {}

    /** A resolved ref: the digest, and the tag version it came through if any. */
    public record Resolved(Digest digest, Optional<Tag> tag) {}

    public static Digest resolveDigest(Repository repo, String ref) {
        return resolve(repo, ref).digest();
    }

    public static Resolved resolve(Repository repo, String ref) {
        if (ref.isEmpty()) {
            throw SpfsException.badInput("invalid-reference", "a ref cannot be empty");
        }
        if (PartialDigest.looksLikeDigest(ref)) {
            PartialDigest p = PartialDigest.parse(ref);
            Optional<Digest> full = p.toFull();
            if (full.isPresent()) {
                return new Resolved(full.get(), Optional.empty());
            }
            List<Digest> found = repo.findObjects(p);
            if (found.size() == 1) {
                return new Resolved(found.get(0), Optional.empty());
            }
            if (found.size() > 1) {
                throw new AmbiguousReferenceException(ref, found.size());
            }
        }
        if (!TagSpec.isValid(ref)) {
            if (PartialDigest.looksLikeDigest(ref)) {
                throw new UnknownReferenceException(ref);
            }
            TagSpec.parse(ref); // throws the precise reason
        }
        Tag t = repo.resolveTag(TagSpec.parse(ref));
        return new Resolved(t.target(), Optional.of(t));
    }

    /** The shortest unambiguous text for {@code d}: 8 characters, growing by 8 while others share it. */
    public static String shorten(Repository repo, Digest d) {
        String full = d.toString().replace("=", "");
        for (int n = 8; n < full.length(); n += 8) {
            String prefix = full.substring(0, n);
            if (repo.findObjects(PartialDigest.parse(prefix)).size() <= 1) {
                return prefix;
            }
        }
        return d.toString();
    }
}
