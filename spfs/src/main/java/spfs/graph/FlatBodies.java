package spfs.graph;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import spfs.encoding.Digest;

/**
 * FlatBuffers bodies following spfs.fbs. Written with the FlatBuffers runtime's builder; read
 * with {@link FlatReader}. Field slots are the wire contract: AnyObject{object_type, object},
 * Platform{layers}, Layer{manifest, annotations}, Manifest{trees}, Blob{size, payload},
 * Tree{entries}, Entry{kind, object, mode, size, name}, Annotation{key, data_type, data},
 * AnnotationString{data}, AnnotationDigest{digest}.
 */
final class FlatBodies {
    private FlatBodies() {}

    private static final int UNION_PLATFORM = 1;
    private static final int UNION_LAYER = 2;
    private static final int UNION_MANIFEST = 3;
    private static final int UNION_BLOB = 4;
    private static final int VALUE_STRING = 1;
    private static final int VALUE_DIGEST = 2;

    static byte[] encode(SpfsObject object) {
        // a blob's body is under 100 bytes, and a pull or commit encodes one per file: no 1 KiB
        // buffer each (the builder grows as needed, and what it builds does not depend on its start)
        FlatBufferBuilder b = new FlatBufferBuilder(object instanceof Blob ? 128 : 1024);
        int type;
        int body;
        if (object instanceof Platform p) {
            type = UNION_PLATFORM;
            int layers = digestVector(b, p.stack());
            b.startTable(1);
            b.addOffset(0, layers, 0);
            body = b.endTable();
            b.required(body, 4);
        } else if (object instanceof Layer l) {
            type = UNION_LAYER;
            int[] anns = new int[l.annotations().size()];
            for (int i = 0; i < anns.length; i++) {
                anns[i] = annotation(b, l.annotations().get(i));
            }
            int annVec = offsetVector(b, anns);
            b.startTable(2);
            l.manifest().ifPresent(m -> b.addStruct(0, digestStruct(b, m), 0));
            b.addOffset(1, annVec, 0);
            body = b.endTable();
            b.required(body, 6);
        } else if (object instanceof Manifest m) {
            type = UNION_MANIFEST;
            int[] trees = new int[m.trees().size()];
            for (int i = 0; i < trees.length; i++) {
                trees[i] = tree(b, m.trees().get(i));
            }
            int treeVec = offsetVector(b, trees);
            b.startTable(1);
            b.addOffset(0, treeVec, 0);
            body = b.endTable();
            b.required(body, 4);
        } else {
            Blob bl = (Blob) object;
            type = UNION_BLOB;
            b.startTable(2);
            b.addLong(0, bl.size(), 0L);
            b.addStruct(1, digestStruct(b, bl.payload()), 0);
            body = b.endTable();
            b.required(body, 6);
        }
        b.startTable(2);
        b.addByte(0, (byte) type, 0);
        b.addOffset(1, body, 0);
        int root = b.endTable();
        b.required(root, 6);
        b.finish(root);
        return b.sizedByteArray();
    }

    private static int digestStruct(FlatBufferBuilder b, Digest d) {
        byte[] bytes = d.bytes();
        b.prep(1, Digest.SIZE);
        for (int i = Digest.SIZE - 1; i >= 0; i--) {
            b.putByte(bytes[i]);
        }
        return b.offset();
    }

    private static int digestVector(FlatBufferBuilder b, List<Digest> ds) {
        b.startVector(Digest.SIZE, ds.size(), 1);
        for (int i = ds.size() - 1; i >= 0; i--) {
            digestStruct(b, ds.get(i));
        }
        return b.endVector();
    }

    private static int offsetVector(FlatBufferBuilder b, int[] offsets) {
        b.startVector(4, offsets.length, 4);
        for (int i = offsets.length - 1; i >= 0; i--) {
            b.addOffset(offsets[i]);
        }
        return b.endVector();
    }

    private static int annotation(FlatBufferBuilder b, Annotation a) {
        int key = b.createString(a.key());
        int valueType;
        int value;
        if (a.value() instanceof AnnotationValue.Text t) {
            valueType = VALUE_STRING;
            int s = b.createString(t.text());
            b.startTable(1);
            b.addOffset(0, s, 0);
            value = b.endTable();
        } else {
            AnnotationValue.BlobRef r = (AnnotationValue.BlobRef) a.value();
            valueType = VALUE_DIGEST;
            b.startTable(1);
            b.addStruct(0, digestStruct(b, r.digest()), 0);
            value = b.endTable();
        }
        b.startTable(3);
        b.addOffset(0, key, 0);
        b.addByte(1, (byte) valueType, 0);
        b.addOffset(2, value, 0);
        int o = b.endTable();
        b.required(o, 4);
        b.required(o, 8);
        return o;
    }

    private static int tree(FlatBufferBuilder b, Tree t) {
        int[] entries = new int[t.entries().size()];
        for (int i = 0; i < entries.length; i++) {
            Entry e = t.entries().get(i);
            int name = b.createString(e.name());
            b.startTable(5);
            b.addLong(3, e.size(), 0L);
            b.addStruct(1, digestStruct(b, e.object()), 0);
            b.addOffset(4, name, 0);
            b.addInt(2, e.mode(), 0);
            b.addByte(0, (byte) e.kind().number(), 0);
            int o = b.endTable();
            b.required(o, 6);
            b.required(o, 12);
            entries[i] = o;
        }
        int vec = offsetVector(b, entries);
        b.startTable(1);
        b.addOffset(0, vec, 0);
        int o = b.endTable();
        b.required(o, 4);
        return o;
    }

    static SpfsObject decode(ObjectKind kind, ObjectFormat format, byte[] bytes, int offset) {
        FlatReader r = new FlatReader(bytes, offset);
        int root = r.root();
        int type = r.u8Field(root, 0);
        int body = r.follow(r.required(root, 1, "object"));
        int expected = switch (kind) {
            case PLATFORM -> UNION_PLATFORM;
            case LAYER -> UNION_LAYER;
            case MANIFEST -> UNION_MANIFEST;
            case BLOB -> UNION_BLOB;
            default -> -1;
        };
        if (type != expected) {
            throw new MalformedObjectException("the header says " + kind.label() + " but the body holds union type " + type);
        }
        return switch (kind) {
            case PLATFORM -> {
                int[] v = r.vector(r.required(body, 0, "layers"), Digest.SIZE);
                List<Digest> stack = new ArrayList<>(v[1]);
                for (int i = 0; i < v[1]; i++) {
                    stack.add(r.digestAt(v[0] + i * Digest.SIZE));
                }
                yield new Platform(stack, format);
            }
            case LAYER -> {
                int m = r.field(body, 0);
                Optional<Digest> manifest = m == 0 ? Optional.empty() : Optional.of(r.digestAt(m));
                int[] v = r.vector(r.required(body, 1, "annotations"), 4);
                List<Annotation> anns = new ArrayList<>(v[1]);
                for (int i = 0; i < v[1]; i++) {
                    anns.add(readAnnotation(r, r.follow(v[0] + 4 * i)));
                }
                if (manifest.isEmpty() && anns.isEmpty()) {
                    throw new MalformedObjectException("a layer with neither manifest nor annotations");
                }
                yield new Layer(manifest, anns, format);
            }
            case MANIFEST -> {
                int[] v = r.vector(r.required(body, 0, "trees"), 4);
                if (v[1] == 0) {
                    throw new MalformedObjectException("a manifest without a root tree");
                }
                List<Tree> trees = new ArrayList<>(v[1]);
                for (int i = 0; i < v[1]; i++) {
                    trees.add(readTree(r, r.follow(v[0] + 4 * i)));
                }
                yield new Manifest(trees, format);
            }
            case BLOB -> new Blob(r.digestAt(r.required(body, 1, "payload")), r.u64Field(body, 0), format);
            default -> throw new MalformedObjectException("a " + kind.label() + " is never stored alone");
        };
    }

    private static Annotation readAnnotation(FlatReader r, int t) {
        String key = r.string(r.required(t, 0, "key"));
        int type = r.u8Field(t, 1);
        int value = r.follow(r.required(t, 2, "data"));
        AnnotationValue v = switch (type) {
            case VALUE_STRING -> {
                int s = r.field(value, 0);
                yield new AnnotationValue.Text(s == 0 ? "" : r.string(s));
            }
            case VALUE_DIGEST -> {
                int d = r.field(value, 0);
                yield new AnnotationValue.BlobRef(d == 0 ? Digest.NULL : r.digestAt(d));
            }
            default -> throw new MalformedObjectException("unknown annotation value type " + type);
        };
        return new Annotation(key, v);
    }

    private static Tree readTree(FlatReader r, int t) {
        int[] v = r.vector(r.required(t, 0, "entries"), 4);
        List<Entry> entries = new ArrayList<>(v[1]);
        for (int i = 0; i < v[1]; i++) {
            int e = r.follow(v[0] + 4 * i);
            int kindNumber = r.u8Field(e, 0);
            EntryKind kind = EntryKind.fromNumber(kindNumber);
            if (kind == null) {
                throw new MalformedObjectException("unknown entry kind " + kindNumber);
            }
            Digest object = r.digestAt(r.required(e, 1, "object"));
            int mode = (int) r.u32Field(e, 2);
            long size = r.u64Field(e, 3);
            String name = r.string(r.required(e, 4, "name"));
            entries.add(new Entry(name, kind, mode, size, object));
        }
        return new Tree(entries);
    }
}
