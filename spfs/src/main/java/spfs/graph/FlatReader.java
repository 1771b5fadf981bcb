package spfs.graph;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import spfs.encoding.Digest;

/**
 * Bounds-checked access to FlatBuffers tables. The Java runtime has no verifier, so every
 * offset is checked against the buffer before use; a bad one raises {@link MalformedObjectException}.
 */
final class FlatReader {
    private final byte[] buf;
    private final int base;
    private final int limit;

    FlatReader(byte[] buf, int base) {
        this.buf = buf;
        this.base = base;
        this.limit = buf.length - base;
    }

    private void check(int pos, int len) {
        if (pos < 0 || len < 0 || pos > limit - len) {
            throw new MalformedObjectException("offset " + pos + " is outside the " + limit + "-byte body");
        }
    }

    int u8(int pos) {
        check(pos, 1);
        return buf[base + pos] & 0xff;
    }

    int u16(int pos) {
        check(pos, 2);
        return (buf[base + pos] & 0xff) | (buf[base + pos + 1] & 0xff) << 8;
    }

    int i32(int pos) {
        check(pos, 4);
        int p = base + pos;
        return (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | (buf[p + 3] & 0xff) << 24;
    }

    long i64(int pos) {
        check(pos, 8);
        return (i32(pos) & 0xffffffffL) | ((long) i32(pos + 4) << 32);
    }

    /** The root table's position. */
    int root() {
        return follow(0);
    }

    /** Follows the unsigned offset stored at {@code pos}. */
    int follow(int pos) {
        long target = (long) pos + (i32(pos) & 0xffffffffL);
        if (target > limit) {
            throw new MalformedObjectException("offset points past the end of the body");
        }
        return (int) target;
    }

    /** Position of field {@code slot} of the table at {@code table}, or 0 when absent. */
    int field(int table, int slot) {
        long vtable = (long) table - i32(table);
        if (vtable < 0 || vtable > limit) {
            throw new MalformedObjectException("bad vtable offset");
        }
        int vt = (int) vtable;
        int vtSize = u16(vt);
        int tableSize = u16(vt + 2);
        check(table, tableSize);
        int vo = 4 + 2 * slot;
        if (vo + 2 > vtSize) {
            return 0;
        }
        int off = u16(vt + vo);
        if (off == 0) {
            return 0;
        }
        if (off >= tableSize) {
            throw new MalformedObjectException("field offset outside its table");
        }
        return table + off;
    }

    int required(int table, int slot, String what) {
        int f = field(table, slot);
        if (f == 0) {
            throw new MalformedObjectException("required field '" + what + "' is missing");
        }
        return f;
    }

    int u8Field(int table, int slot) {
        int f = field(table, slot);
        return f == 0 ? 0 : u8(f);
    }

    long u32Field(int table, int slot) {
        int f = field(table, slot);
        return f == 0 ? 0 : i32(f) & 0xffffffffL;
    }

    long u64Field(int table, int slot) {
        int f = field(table, slot);
        return f == 0 ? 0 : i64(f);
    }

    Digest digestAt(int pos) {
        check(pos, Digest.SIZE);
        return Digest.fromBytes(buf, base + pos);
    }

    /** Elements of the vector whose offset is stored at {@code pos}: {start, length}. */
    int[] vector(int pos, int elementSize) {
        int v = follow(pos);
        long n = i32(v) & 0xffffffffL;
        if (n * elementSize > limit - v - 4L) {
            throw new MalformedObjectException("vector of " + n + " elements is larger than the body");
        }
        return new int[] {v + 4, (int) n};
    }

    String string(int pos) {
        int s = follow(pos);
        long n = i32(s) & 0xffffffffL;
        check(s + 4, (int) Math.min(n, Integer.MAX_VALUE));
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(buf, base + s + 4, (int) n))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedObjectException("a string is not valid UTF-8");
        }
    }
}
