package spk.debian.catalog;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;
import spk.debian.version.DebianVersion;

/**
 * Reads a Debian {@code Packages} file (plain, {@code .xz} or {@code .gz}, told by its first
 * bytes). The text is cut into pieces at stanza boundaries, each parsed by a worker while the
 * next is decompressed; only the fields that decide installability are turned into strings,
 * every other line is skipped by its first bytes.
 */
public final class PackagesReader {
    private PackagesReader() {}

    /** A stanza's fields of interest, before it has an id. */
    private record Stanza(String[] fields, int offset) {}

    private static final String[] FIELDS = {"Package", "Version", "Architecture", "Multi-Arch", "Essential",
        "Pre-Depends", "Depends", "Conflicts", "Breaks", "Provides"};
    private static final int PACKAGE = 0;
    private static final int VERSION = 1;
    private static final int ARCH = 2;
    private static final int MULTI_ARCH = 3;
    private static final int ESSENTIAL = 4;
    private static final int PRE_DEPENDS = 5;
    private static final int DEPENDS = 6;
    private static final int CONFLICTS = 7;
    private static final int BREAKS = 8;
    private static final int PROVIDES = 9;
    private static final byte[][] FIELD_BYTES = new byte[FIELDS.length][];

    static {
        for (int i = 0; i < FIELDS.length; i++) {
            FIELD_BYTES[i] = (FIELDS[i] + ":").getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** Decompressed text is cut into pieces of about this size, each parsed while the next is decompressed. */
    private static final int PIECE = 2 << 20;

    /**
     * The packages of a file, in file order; ids start at {@code firstId}. Decompressing (the
     * calling thread) and parsing (a worker per piece) overlap: xz alone takes a third of the time.
     */
    public static List<DebPackage> read(Path file, int firstId) {
        String source = file.toString();
        List<CompletableFuture<List<DebPackage>>> pieces = new ArrayList<>();
        try (InputStream in = open(file)) {
            byte[] carry = new byte[0];
            long lineBase = 1;
            byte[] block = new byte[PIECE];
            while (true) {
                int n = in.readNBytes(block, 0, block.length);
                boolean last = n < block.length;
                byte[] buf = java.util.Arrays.copyOf(carry, carry.length + n);
                System.arraycopy(block, 0, buf, carry.length, n);
                int cut = last ? buf.length : lastBoundary(buf);
                byte[] piece = cut == buf.length ? buf : java.util.Arrays.copyOf(buf, cut);
                carry = cut == buf.length ? new byte[0] : java.util.Arrays.copyOfRange(buf, cut, buf.length);
                long base = lineBase;
                lineBase += newlines(piece);
                pieces.add(CompletableFuture.supplyAsync(() -> parsePiece(piece, base, source)));
                if (last) {
                    break;
                }
            }
        } catch (IOException e) {
            throw CatalogException.unreadable(source, e);
        }
        List<DebPackage> out = new ArrayList<>();
        for (CompletableFuture<List<DebPackage>> f : pieces) {
            out.addAll(join(f));
        }
        return withIds(out, firstId);
    }

    /** Parses Packages text already in memory; {@code source} names it in errors. */
    public static List<DebPackage> parse(byte[] text, String source, int firstId) {
        return withIds(parsePiece(text, 1, source), firstId);
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private static List<DebPackage> withIds(List<DebPackage> parsed, int firstId) {
        List<DebPackage> out = new ArrayList<>(parsed.size());
        for (DebPackage p : parsed) {
            int id = firstId + out.size();
            out.add(p.id() == id ? p : new DebPackage(id, p.name(), p.version(), p.architecture(), p.multiArch(),
                    p.essential(), p.depends(), p.conflicts(), p.breaksFrom(), p.provides(), p.raw()));
        }
        return out;
    }

    /** One piece of text (whole stanzas), whose first line is line {@code lineBase} of the file. */
    private static List<DebPackage> parsePiece(byte[] text, long lineBase, String source) {
        List<Stanza> stanzas = stanzas(text, 0, text.length, source);
        List<DebPackage> out = new ArrayList<>(stanzas.size());
        for (Stanza s : stanzas) {
            out.add(toPackage(s, 0, text, source, lineBase));
        }
        return out;
    }

    /** Just after the last blank line of {@code t}, or 0. */
    private static int lastBoundary(byte[] t) {
        for (int i = t.length - 1; i > 0; i--) {
            if (t[i] == '\n' && t[i - 1] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    private static long newlines(byte[] t) {
        long n = 0;
        for (byte b : t) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    private static List<Stanza> stanzas(byte[] t, int from, int to, String source) {
        List<Stanza> out = new ArrayList<>();
        String[] fields = null;
        int stanzaStart = from;
        int lastField = -1;
        int i = from;
        while (i < to) {
            int eol = i;
            while (eol < to && t[eol] != '\n') {
                eol++;
            }
            int lineEnd = eol > i && t[eol - 1] == '\r' ? eol - 1 : eol;
            if (lineEnd == i) {
                if (fields != null) {
                    out.add(new Stanza(fields, stanzaStart));
                    fields = null;
                }
                lastField = -1;
            } else if (t[i] == ' ' || t[i] == '\t') {
                // a continuation line belongs to the field above it
                if (lastField >= 0) {
                    fields[lastField] = fields[lastField] + " " + new String(t, i, lineEnd - i, StandardCharsets.ISO_8859_1).strip();
                }
            } else if (t[i] != '#') {
                if (fields == null) {
                    fields = new String[FIELDS.length];
                    stanzaStart = i;
                }
                lastField = field(t, i, lineEnd);
                if (lastField >= 0) {
                    int v = i + FIELD_BYTES[lastField].length;
                    while (v < lineEnd && (t[v] == ' ' || t[v] == '\t')) {
                        v++;
                    }
                    fields[lastField] = new String(t, v, lineEnd - v, StandardCharsets.ISO_8859_1);
                }
            }
            i = eol + 1;
        }
        if (fields != null) {
            out.add(new Stanza(fields, stanzaStart));
        }
        return out;
    }

    /** Which field of interest starts the line at {@code i}, or -1. */
    private static int field(byte[] t, int i, int end) {
        byte first = t[i];
        for (int f = 0; f < FIELD_BYTES.length; f++) {
            byte[] name = FIELD_BYTES[f];
            if (name[0] != first || end - i < name.length) {
                continue;
            }
            int k = 1;
            while (k < name.length && (t[i + k] | 0x20) == (name[k] | 0x20)) {
                k++;
            }
            if (k == name.length) {
                return f;
            }
        }
        return -1;
    }

    private static DebPackage toPackage(Stanza s, int id, byte[] text, String source, long lineBase) {
        String[] f = s.fields();
        String field = FIELDS[PACKAGE];
        try {
            if (f[PACKAGE] == null || f[PACKAGE].isBlank()) {
                throw new IllegalArgumentException("a stanza without a Package field");
            }
            String name = f[PACKAGE].strip();
            field = FIELDS[VERSION];
            if (f[VERSION] == null) {
                throw new IllegalArgumentException("package " + name + " has no Version field");
            }
            DebianVersion version = DebianVersion.parse(f[VERSION]);
            field = FIELDS[ARCH];
            if (f[ARCH] == null) {
                throw new IllegalArgumentException("package " + name + " has no Architecture field");
            }
            String arch = f[ARCH].strip();
            MultiArch ma = f[MULTI_ARCH] == null ? MultiArch.NO : MultiArch.parse(f[MULTI_ARCH].strip());
            boolean essential = f[ESSENTIAL] != null && f[ESSENTIAL].strip().equalsIgnoreCase("yes");
            field = FIELDS[PRE_DEPENDS];
            List<List<Relation>> depends = new ArrayList<>(RelationParser.disjunctions(f[PRE_DEPENDS]));
            field = FIELDS[DEPENDS];
            depends.addAll(RelationParser.disjunctions(f[DEPENDS]));
            field = FIELDS[CONFLICTS];
            List<Relation> conflicts = RelationParser.list(f[CONFLICTS], new ArrayList<>());
            int breaksFrom = conflicts.size();
            field = FIELDS[BREAKS];
            RelationParser.list(f[BREAKS], conflicts);
            field = FIELDS[PROVIDES];
            List<Relation> provides = RelationParser.list(f[PROVIDES], new ArrayList<>());
            for (Relation p : provides) {
                if (p.versioned() && p.op() != Op.EQ) {
                    throw new IllegalArgumentException("a provided version must be '=': " + p);
                }
            }
            return new DebPackage(id, name, version, arch, ma, essential, List.copyOf(depends), List.copyOf(conflicts),
                    breaksFrom, List.copyOf(provides), new DebPackage.RawFields(orEmpty(f[PRE_DEPENDS]), orEmpty(f[DEPENDS]),
                            orEmpty(f[CONFLICTS]), orEmpty(f[BREAKS]), orEmpty(f[PROVIDES])));
        } catch (IllegalArgumentException e) {
            throw CatalogException.badInput(source, lineBase - 1 + lineOf(text, s.offset(), f, field),
                    field + ": " + e.getMessage());
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The line of {@code field} in the stanza at {@code offset} (or of the stanza), counted only when reporting. */
    private static long lineOf(byte[] text, int offset, String[] fields, String field) {
        int at = offset;
        byte[] name = (field + ":").getBytes(StandardCharsets.US_ASCII);
        for (int i = offset; i < text.length && !(text[i] == '\n' && i + 1 < text.length && text[i + 1] == '\n'); i++) {
            if ((i == offset || text[i - 1] == '\n') && i + name.length <= text.length
                    && java.util.Arrays.equals(text, i, i + name.length, name, 0, name.length)) {
                at = i;
                break;
            }
        }
        long line = 1;
        for (int i = 0; i < at; i++) {
            if (text[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** The file's text, decompressed when it is xz or gzip (told by the first bytes). */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(8);
            byte[] magic = raw.readNBytes(6);
            raw.reset();
            if (magic.length >= 6 && (magic[0] & 0xff) == 0xFD && magic[1] == '7' && magic[2] == 'z' && magic[3] == 'X'
                    && magic[4] == 'Z' && magic[5] == 0) {
                return new XZInputStream(raw);
            }
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1F && (magic[1] & 0xff) == 0x8B) {
                return new GZIPInputStream(raw, 1 << 16);
            }
            return raw;
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }
}
