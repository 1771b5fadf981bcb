package spfs.tag;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import spfs.encoding.BinaryReader;
import spfs.encoding.BinaryWriter;

/** A tag file: records of (i64 big-endian length, encoded tag), oldest first. */
public final class TagStreamFormat {
    private TagStreamFormat() {}

    /** Versions newest first (index = version number). */
    public static List<Tag> decode(byte[] data) {
        List<Tag> oldestFirst = new ArrayList<>();
        BinaryReader r = new BinaryReader(data);
        while (!r.atEnd()) {
            long len = r.u64();
            if (len < 0 || len > data.length - r.position()) {
                throw new IllegalArgumentException("a record length of " + len + " runs past the end of the file");
            }
            int start = r.position();
            BinaryReader record = new BinaryReader(data, start, start + (int) len);
            oldestFirst.add(Tag.decode(record));
            if (!record.atEnd()) {
                throw new IllegalArgumentException("a record has trailing bytes");
            }
            r.skip((int) len);
        }
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** Bytes of a stream given newest first. */
    public static byte[] encode(List<Tag> newestFirst) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            byte[] rec = newestFirst.get(i).encode();
            out.writeBytes(BinaryWriter.toBytes().u64(rec.length).bytes());
            out.writeBytes(rec);
        }
        return out.toByteArray();
    }
}
