package spfs.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import spfs.encoding.BinaryReader;
import spfs.encoding.BinaryWriter;
import spfs.encoding.Digest;

/** The original (format 0) bodies, still readable and writable. */
final class LegacyBodies {
    private LegacyBodies() {}

    static byte[] encode(SpfsObject object) {
        BinaryWriter w = BinaryWriter.toBytes();
        if (object instanceof Layer l) {
            if (!l.annotations().isEmpty()) {
                throw new IllegalArgumentException("a layer with annotations cannot use the legacy encoding");
            }
            w.digest(l.manifest().orElseThrow(
                    () -> new IllegalArgumentException("a legacy layer needs a manifest")));
        } else {
            object.digestEncode(w);
        }
        return w.bytes();
    }

    static SpfsObject decode(ObjectKind kind, ObjectFormat format, byte[] bytes, int offset) {
        BinaryReader r = new BinaryReader(bytes, offset, bytes.length);
        SpfsObject o = switch (kind) {
            case BLOB -> new Blob(r.digest(), r.u64(), format);
            case LAYER -> new Layer(Optional.of(r.digest()), List.of(), format);
            case PLATFORM -> {
                long n = r.u64();
                checkCount(n, bytes.length, Digest.SIZE);
                List<Digest> topDown = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    topDown.add(r.digest());
                }
                Collections.reverse(topDown);
                yield new Platform(topDown, format);
            }
            case MANIFEST -> {
                List<Tree> trees = new ArrayList<>();
                trees.add(readTree(r, bytes.length));
                long n = r.u64();
                checkCount(n, bytes.length, 8);
                for (long i = 0; i < n; i++) {
                    trees.add(readTree(r, bytes.length));
                }
                yield new Manifest(trees, format);
            }
            default -> throw new MalformedObjectException("a " + kind.label() + " is never stored alone");
        };
        if (!r.atEnd()) {
            throw new MalformedObjectException("trailing bytes after the " + kind.label() + " body");
        }
        return o;
    }

    private static void checkCount(long n, int available, int minSize) {
        if (n < 0 || n > available / minSize) {
            throw new MalformedObjectException("count " + n + " is larger than the data");
        }
    }

    private static Tree readTree(BinaryReader r, int available) {
        long n = r.u64();
        checkCount(n, available, Digest.SIZE);
        List<Entry> entries = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            Digest object = r.digest();
            String kindName = r.string();
            EntryKind kind = EntryKind.fromLegacyName(kindName);
            if (kind == null) {
                throw new MalformedObjectException("unknown entry kind '" + kindName + "'");
            }
            long mode = r.u64();
            long size = r.u64();
            String name = r.string();
            entries.add(new Entry(name, kind, (int) mode, size, object));
        }
        // stored trees keep directories first, as spfs re-expresses legacy trees
        entries.sort(NameOrder.STORED);
        return new Tree(entries);
    }
}
