package spk.solver.repository.index;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One FlatBuffers table of an index, read with every offset checked against the buffer: the index
 * file may have been written by another user, or cut short, so a bad offset must become a
 * {@link CorruptIndexException} rather than a wrong value or a crash.
 */
final class FlatTable {
    private final ByteBuffer bb;
    private final int pos;
    private final int vtable;
    private final int vtableSize;

    private FlatTable(ByteBuffer bb, int pos) {
        this.bb = bb;
        this.pos = pos;
        check(pos, 4);
        long vt = (long) pos - bb.getInt(pos);
        check(vt, 4);
        this.vtable = (int) vt;
        this.vtableSize = Short.toUnsignedInt(bb.getShort(vtable));
        if (vtableSize < 4 || (vtableSize & 1) != 0) {
            throw new CorruptIndexException("a table's field list has a bad size");
        }
        check(vtable, vtableSize);
    }

    /** The root table of a finished buffer (little-endian, its limit the end), which must carry {@code identifier}. */
    static FlatTable root(ByteBuffer bb, String identifier) {
        if (bb.limit() < 8) {
            throw new CorruptIndexException("too short");
        }
        for (int i = 0; i < 4; i++) {
            if (bb.get(4 + i) != identifier.charAt(i)) {
                throw new CorruptIndexException("not an spk repository index (no '" + identifier + "' mark)");
            }
        }
        return new FlatTable(bb, deref(bb, 0));
    }

    private void check(long at, long length) {
        check(bb, at, length);
    }

    private static void check(ByteBuffer bb, long at, long length) {
        if (at < 0 || length < 0 || at + length > bb.limit()) {
            throw new CorruptIndexException("an offset points outside the file");
        }
    }

    /** Follows the unsigned offset stored at {@code at}. */
    private static int deref(ByteBuffer bb, int at) {
        check(bb, at, 4);
        long target = (long) at + Integer.toUnsignedLong(bb.getInt(at));
        check(bb, target, 4);
        return (int) target;
    }

    /** The absolute position of a field, or 0 when absent. */
    private int field(int slot) {
        int o = 4 + 2 * slot;
        if (o >= vtableSize) {
            return 0;
        }
        int off = Short.toUnsignedInt(bb.getShort(vtable + o));
        return off == 0 ? 0 : pos + off;
    }

    boolean has(int slot) {
        return field(slot) != 0;
    }

    int i32(int slot, int def) {
        int f = field(slot);
        if (f == 0) {
            return def;
        }
        check(f, 4);
        return bb.getInt(f);
    }

    long i64(int slot, long def) {
        int f = field(slot);
        if (f == 0) {
            return def;
        }
        check(f, 8);
        return bb.getLong(f);
    }

    int u8(int slot) {
        int f = field(slot);
        if (f == 0) {
            return 0;
        }
        check(f, 1);
        return Byte.toUnsignedInt(bb.get(f));
    }

    boolean bool(int slot) {
        return u8(slot) != 0;
    }

    /** The position of a string field's length word (equal strings written once share it), or 0. */
    int stringPos(int slot) {
        int f = field(slot);
        return f == 0 ? 0 : deref(bb, f);
    }

    /** A string field, or null when absent. */
    String string(int slot) {
        int f = field(slot);
        return f == 0 ? null : stringAt(deref(bb, f));
    }

    String stringAt(int s) {
        int len = bb.getInt(s);
        check((long) s + 4, len);
        if (bb.hasArray()) {
            return new String(bb.array(), bb.arrayOffset() + s + 4, len, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[len];
        bb.get(s + 4, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The number of elements of a vector field (0 when absent). */
    int length(int slot) {
        int v = vector(slot);
        return v == 0 ? 0 : bb.getInt(v);
    }

    private int vector(int slot) {
        int f = field(slot);
        if (f == 0) {
            return 0;
        }
        int v = deref(bb, f);
        int len = bb.getInt(v);
        check((long) v + 4, 4L * len);
        return v;
    }

    /** The position of element {@code i} of a vector of strings (see {@link #stringPos}). */
    int stringPosAt(int slot, int i) {
        int v = vector(slot);
        checkIndex(v, i);
        return deref(bb, v + 4 + 4 * i);
    }

    String stringAt(int slot, int i) {
        return stringAt(stringPosAt(slot, i));
    }

    FlatTable table(int slot) {
        int f = field(slot);
        return f == 0 ? null : new FlatTable(bb, deref(bb, f));
    }

    FlatTable tableAt(int slot, int i) {
        int v = vector(slot);
        checkIndex(v, i);
        return new FlatTable(bb, deref(bb, v + 4 + 4 * i));
    }

    private void checkIndex(int v, int i) {
        if (v == 0 || i < 0 || i >= bb.getInt(v)) {
            throw new CorruptIndexException("a list is shorter than asked");
        }
    }

    /** The table's position: a key for what was decoded from it. */
    int position() {
        return pos;
    }
}
