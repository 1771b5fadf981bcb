package spfs.tag;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import spfs.encoding.BinaryReader;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** One version of a tag stream: where it points, who set it when, and the version before it. */
public record Tag(Optional<String> org, String name, Digest target, Digest parent, String user, Instant time) {
    public Tag {
        Objects.requireNonNull(org);
        Objects.requireNonNull(name);
        Objects.requireNonNull(target);
        Objects.requireNonNull(parent);
        Objects.requireNonNull(user);
        Objects.requireNonNull(time);
    }

    /** spfs's order: time, then org, name, target, parent, user. */
    public static final Comparator<Tag> ORDER = Comparator.comparing(Tag::time)
            .thenComparing(t -> t.org().orElse(""))
            .thenComparing(Tag::name)
            .thenComparing(Tag::target)
            .thenComparing(Tag::parent)
            .thenComparing(Tag::user);

    /** {@code org/name}. */
    public String path() {
        return org.map(o -> o + "/" + name).orElse(name);
    }

    public TagSpec spec(int version) {
        return new TagSpec(org, name, version);
    }

    /** The encoding used on disk and for the digest. */
    public void encode(BinaryWriter w) {
        w.string(org.orElse("")).string(name).digest(target).string(user).string(TagTime.format(time)).digest(parent);
    }

    public byte[] encode() {
        BinaryWriter w = BinaryWriter.toBytes();
        encode(w);
        return w.bytes();
    }

    /** What a later version's {@code parent} holds. */
    public Digest digest() {
        BinaryWriter w = BinaryWriter.toHasher();
        encode(w);
        return w.digest();
    }

    public static Tag decode(BinaryReader r) {
        String org = r.string();
        String name = r.string();
        Digest target = r.digest();
        String user = r.string();
        Instant time = TagTime.parse(r.string());
        Digest parent = r.digest();
        return new Tag(org.isEmpty() ? Optional.empty() : Optional.of(org), name, target, parent, user, time);
    }

    /** The user name without its domain. */
    public String userWithoutDomain() {
        int at = user.indexOf('@');
        return at < 0 ? user : user.substring(0, at);
    }
}
