package spk.solver.repository.index;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import spk.grammar.name.PkgName;
import spk.solver.repository.PendingSpec;
import spk.solver.repository.SpecTexts;
import spk.spec.model.PackageSpec;
import spk.spec.model.SpecFile;
import spk.spec.problem.Location;
import spk.spec.problem.Problem;
import spk.spec.problem.Problems;
import spk.spec.problem.SpecException;

/**
 * A repository's index: every spec a repository holds, by package and version, each as
 * structured fields (read without YAML or grammar work per build) or, for what the fields cannot
 * hold, as its YAML text; plus a {@link SourceSnapshot} of the files it was made from, so a reader
 * can tell whether it is still fresh. The layout is {@code docs/repo-index.fbs}; the file is the
 * FlatBuffers buffer followed by the CRC-32C of it, so a truncated or damaged file is caught
 * before any of it is used.
 */
public final class RepositoryIndex {
    /** Kinds of repository an index is made for. */
    public static final int KIND_CATALOG = 1;
    public static final int KIND_SPFS = 2;

    private final String origin;
    private final FlatTable root;

    private RepositoryIndex(String origin, FlatTable root) {
        this.origin = origin;
        this.root = root;
    }

    /** One spec to write: a structured build, or YAML text (with the names it may embed). */
    public sealed interface Item permits Built, Text, Reference, Presence {}

    /** A build written as fields, found in source file {@code file}. */
    public record Built(PackageSpec spec, String file) implements Item {}

    /** A spec the reader reads from its source ({@code file}) with the resolver it is given. */
    public record Reference(String file) implements Item {}

    /** No spec: only that the version exists (it has a recipe, or only embedded stubs). */
    public record Presence() implements Item {}

    /** A spec kept as YAML text; {@code mentions} are the package names it may embed. */
    public record Text(String file, int line, String text, Set<String> mentions) implements Item {
        public Text {
            mentions = Set.copyOf(mentions);
        }
    }

    /** What the index holds for one package version (name and version as texts). */
    public record Keyed(String name, String version, Item item) {}

    /** Encodes an index; {@code eager} are texts that cannot be keyed without reading them. */
    public static byte[] encode(int kind, SourceSnapshot snapshot, List<Keyed> items, List<Text> eager) {
        FlatBufferBuilder b = new FlatBufferBuilder(1 << 20);
        SpecEncoder enc = new SpecEncoder(b);
        Map<String, Map<String, List<Item>>> grouped = new LinkedHashMap<>();
        for (Keyed k : items) {
            grouped.computeIfAbsent(k.name(), x -> new LinkedHashMap<>())
                    .computeIfAbsent(k.version(), x -> new ArrayList<>()).add(k.item());
        }
        List<Integer> packages = new ArrayList<>();
        for (var byName : grouped.entrySet()) {
            List<Integer> versions = new ArrayList<>();
            for (var byVersion : byName.getValue().entrySet()) {
                int[] specs = byVersion.getValue().stream().filter(i -> !(i instanceof Presence))
                        .mapToInt(i -> spec(b, enc, i)).toArray();
                int text = enc.str(byVersion.getKey());
                int vec = enc.vector(specs);
                b.startTable(2);
                b.addOffset(IndexSchema.VERSION_TEXT, text, 0);
                b.addOffset(IndexSchema.VERSION_SPECS, vec, 0);
                versions.add(b.endTable());
            }
            int name = enc.str(byName.getKey());
            int vec = enc.vector(versions.stream().mapToInt(Integer::intValue).toArray());
            int embeds = enc.strings(byName.getValue().values().stream().flatMap(List::stream)
                    .flatMap(i -> embedsOf(i).stream()).distinct().sorted().toList());
            b.startTable(IndexSchema.PACKAGE_FIELDS);
            b.addOffset(IndexSchema.PACKAGE_NAME, name, 0);
            b.addOffset(IndexSchema.PACKAGE_VERSIONS, vec, 0);
            b.addOffset(IndexSchema.PACKAGE_EMBEDS, embeds, 0);
            packages.add(b.endTable());
        }
        int pkgs = enc.vector(packages.stream().mapToInt(Integer::intValue).toArray());
        int eagerVec = enc.vector(eager.stream().mapToInt(t -> spec(b, enc, t)).toArray());
        int[] sources = new int[snapshot.files().size()];
        for (int i = 0; i < sources.length; i++) {
            SourceSnapshot.FileState f = snapshot.files().get(i);
            int path = enc.str(f.path());
            b.startTable(IndexSchema.SOURCE_FIELDS);
            b.addOffset(IndexSchema.SOURCE_PATH, path, 0);
            b.addLong(IndexSchema.SOURCE_SIZE, f.size(), -1);
            b.addLong(IndexSchema.SOURCE_MTIME_NS, f.mtimeNs(), -1);
            b.addLong(IndexSchema.SOURCE_CTIME_NS, f.ctimeNs(), -1);
            b.addLong(IndexSchema.SOURCE_INODE, f.inode(), -1);
            b.addInt(IndexSchema.SOURCE_CRC, f.crc(), 0);
            sources[i] = b.endTable();
        }
        int srcVec = enc.vector(sources);
        b.startTable(IndexSchema.ROOT_FIELDS);
        b.addInt(IndexSchema.ROOT_FORMAT, IndexSchema.FORMAT, -1);
        b.addByte(IndexSchema.ROOT_KIND, (byte) kind, -1);
        b.addOffset(IndexSchema.ROOT_SOURCES, srcVec, 0);
        b.addOffset(IndexSchema.ROOT_PACKAGES, pkgs, 0);
        b.addOffset(IndexSchema.ROOT_EAGER, eagerVec, 0);
        b.addLong(IndexSchema.ROOT_SNAPSHOT_NS, snapshot.takenNs(), -1);
        b.addInt(IndexSchema.ROOT_ENUMS, IndexSchema.ENUMS, 0);
        int root = b.endTable();
        b.finish(root, IndexSchema.IDENTIFIER);
        byte[] body = b.sizedByteArray();
        byte[] out = Arrays.copyOf(body, body.length + 4);
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length, SourceSnapshot.crc(body));
        return out;
    }

    /**
     * Encodes as {@link #encode}, then reads every structured build back: one that does not come
     * back equal to what was read from its source (field by field and as written out) is replaced
     * by {@code fallback}'s item, so the index never answers differently from the specs.
     */
    public static byte[] encodeChecked(int kind, SourceSnapshot snapshot, List<Keyed> items, List<Text> eager,
            java.util.function.UnaryOperator<Keyed> fallback) {
        byte[] data = encode(kind, snapshot, items, eager);
        // the index lists specs grouped by name, then version, in first-seen order
        Map<String, Map<String, List<Integer>>> grouped = new LinkedHashMap<>();
        for (int k = 0; k < items.size(); k++) {
            if (!(items.get(k).item() instanceof Presence)) {
                grouped.computeIfAbsent(items.get(k).name(), x -> new LinkedHashMap<>())
                        .computeIfAbsent(items.get(k).version(), x -> new ArrayList<>()).add(k);
            }
        }
        List<Integer> order = new ArrayList<>();
        grouped.values().forEach(m -> m.values().forEach(order::addAll));
        List<PendingSpec> decoded = new ArrayList<>();
        read("index", data).visit((n, v, spec, embeds) -> decoded.add(spec), file -> List.of());
        List<Keyed> out = new ArrayList<>(items);
        boolean changed = false;
        for (int j = 0; j < order.size(); j++) {
            Keyed k = items.get(order.get(j));
            if (k.item() instanceof Built b && !sameSpec(b.spec(), decoded.get(j))) {
                out.set(order.get(j), fallback.apply(k));
                changed = true;
            }
        }
        return changed ? encode(kind, snapshot, out, eager) : data;
    }

    private static boolean sameSpec(PackageSpec original, PendingSpec decoded) {
        try {
            List<SpecFile> back = decoded.read(new Problems());
            return back.size() == 1 && back.get(0).equals(original)
                    && spk.spec.write.SpecWriter.toMap(back.get(0)).equals(spk.spec.write.SpecWriter.toMap(original));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The names of the packages an item embeds, or (as text) may embed. */
    private static List<String> embedsOf(Item item) {
        if (item instanceof Built built) {
            return built.spec().install().embedded().stream().map(e -> e.pkg().name().value()).distinct().toList();
        }
        return item instanceof Text t ? t.mentions().stream().sorted().toList() : List.of();
    }

    private static int spec(FlatBufferBuilder b, SpecEncoder enc, Item item) {
        int[] f = new int[IndexSchema.SPEC_FIELDS];
        boolean deprecated = false;
        int line = 0;
        if (item instanceof Built built) {
            enc.fields(built.spec(), f);
            deprecated = built.spec().deprecated();
            f[IndexSchema.SPEC_EMBEDS] = enc.strings(embedsOf(built));
            f[IndexSchema.SPEC_FILE] = enc.str(built.file());
        } else if (item instanceof Reference r) {
            f[IndexSchema.SPEC_FILE] = enc.str(r.file());
        } else {
            Text t = (Text) item;
            f[IndexSchema.SPEC_TEXT] = b.createString(t.text());
            f[IndexSchema.SPEC_FILE] = enc.str(t.file());
            f[IndexSchema.SPEC_EMBEDS] = enc.strings(embedsOf(t));
            line = t.line();
        }
        b.startTable(IndexSchema.SPEC_FIELDS);
        for (int i = 0; i < f.length; i++) {
            if (f[i] != 0) {
                b.addOffset(i, f[i], 0);
            }
        }
        b.addInt(IndexSchema.SPEC_LINE, line, 0);
        b.addBoolean(IndexSchema.SPEC_DEPRECATED, deprecated, false);
        return b.endTable();
    }

    /**
     * Reads an index file's content; {@code origin} names it in messages.
     *
     * @throws CorruptIndexException when it is not a complete, undamaged index of this format
     */
    public static RepositoryIndex read(String origin, byte[] data) {
        return read(origin, ByteBuffer.wrap(data));
    }

    /** The index in {@code data} (its position 0 to its limit: a file mapped whole, say), checked as above. */
    public static RepositoryIndex read(String origin, ByteBuffer data) {
        if (data.limit() < 12) {
            throw new CorruptIndexException("too short");
        }
        int body = data.limit() - 4;
        ByteBuffer bb = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int stored = bb.getInt(body);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bb.duplicate().position(0).limit(body));
        if ((int) crc.getValue() != stored) {
            throw new CorruptIndexException("its checksum does not match (damaged or cut short)");
        }
        FlatTable root = FlatTable.root(bb.limit(body).slice().order(ByteOrder.LITTLE_ENDIAN), IndexSchema.IDENTIFIER);
        int format = root.i32(IndexSchema.ROOT_FORMAT, -1);
        if (format != IndexSchema.FORMAT) {
            throw new CorruptIndexException("format " + format + ", this spk reads format " + IndexSchema.FORMAT);
        }
        if (root.i32(IndexSchema.ROOT_ENUMS, 0) != IndexSchema.ENUMS) {
            throw new CorruptIndexException("made by another build of spk");
        }
        return new RepositoryIndex(origin, root);
    }

    public int kind() {
        return root.u8(IndexSchema.ROOT_KIND);
    }

    /** The files the index was made from, as they were. */
    public SourceSnapshot snapshot() {
        List<SourceSnapshot.FileState> files = new ArrayList<>();
        for (int i = 0; i < root.length(IndexSchema.ROOT_SOURCES); i++) {
            FlatTable s = root.tableAt(IndexSchema.ROOT_SOURCES, i);
            String path = s.string(IndexSchema.SOURCE_PATH);
            if (path == null) {
                throw new CorruptIndexException("a source file without a path");
            }
            files.add(new SourceSnapshot.FileState(path, s.i64(IndexSchema.SOURCE_SIZE, -1),
                    s.i64(IndexSchema.SOURCE_MTIME_NS, -1), s.i64(IndexSchema.SOURCE_CTIME_NS, -1),
                    s.i64(IndexSchema.SOURCE_INODE, -1), s.i32(IndexSchema.SOURCE_CRC, 0)));
        }
        return new SourceSnapshot(root.i64(IndexSchema.ROOT_SNAPSHOT_NS, -1), files);
    }

    /** Receives the index's entries. */
    public interface Visitor {
        /** One spec of {@code name} at version text {@code version}; {@code embeds} are names it may embed. */
        void spec(String name, String version, PendingSpec spec, List<String> embeds);

        /** Each version, before its specs (if any). */
        default void version(String name, String version) {}
    }

    /** Reads a {@link Reference}: the specs of one source file. */
    public interface Resolver {
        List<SpecFile> read(String file);
    }

    /** Walks every keyed spec; each is decoded only when its {@link PendingSpec#read} is called. */
    public void visit(Visitor visitor) {
        visit(visitor, file -> {
            throw new CorruptIndexException("an entry refers to " + file + ", which this repository cannot read");
        });
    }

    /** As {@link #visit(Visitor)}, reading references with {@code resolver}. */
    public void visit(Visitor visitor, Resolver resolver) {
        packages(resolver).forEach(p -> p.visit(visitor));
    }

    /**
     * The packages, each read only as far as its name and the names its builds may embed: a
     * solve asks for a few hundred packages of a catalog that may hold thousands, so the rest of
     * the index is never touched (it is mapped, not read).
     */
    public List<PackageEntry> packages(Resolver resolver) {
        SpecDecoder decoder = new SpecDecoder();
        int count = root.length(IndexSchema.ROOT_PACKAGES);
        List<PackageEntry> out = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            FlatTable pkg = root.tableAt(IndexSchema.ROOT_PACKAGES, p);
            String name = pkg.string(IndexSchema.PACKAGE_NAME);
            if (name == null) {
                throw new CorruptIndexException("a package without a name");
            }
            int embeds = pkg.length(IndexSchema.PACKAGE_EMBEDS);
            List<String> words = embeds == 0 ? List.of() : new ArrayList<>(embeds);
            for (int e = 0; e < embeds; e++) {
                words.add(pkg.stringAt(IndexSchema.PACKAGE_EMBEDS, e));
            }
            out.add(new PackageEntry(name, words, pkg, decoder, resolver));
        }
        return out;
    }

    /** One package of the index: its versions and specs are read when {@link #visit}ed. */
    public final class PackageEntry {
        private final String name;
        private final List<String> embeds;
        private final FlatTable pkg;
        private final SpecDecoder decoder;
        private final Resolver resolver;

        private PackageEntry(String name, List<String> embeds, FlatTable pkg, SpecDecoder decoder, Resolver resolver) {
            this.name = name;
            this.embeds = List.copyOf(embeds);
            this.pkg = pkg;
            this.decoder = decoder;
            this.resolver = resolver;
        }

        public String name() {
            return name;
        }

        /** The names of the packages any of its builds embeds (or, kept as text, may embed). */
        public List<String> embeds() {
            return embeds;
        }

        /**
         * Walks the package's versions and specs. The checksum matched when the index was opened,
         * so a table that does not read here was written wrong: a spec error, as for one of its specs.
         */
        public void visit(Visitor visitor) {
            try {
                walk(visitor);
            } catch (CorruptIndexException e) {
                throw cannotRead(e);
            }
        }

        private void walk(Visitor visitor) {
            for (int v = 0; v < pkg.length(IndexSchema.PACKAGE_VERSIONS); v++) {
                FlatTable ver = pkg.tableAt(IndexSchema.PACKAGE_VERSIONS, v);
                String version = ver.string(IndexSchema.VERSION_TEXT);
                if (version == null) {
                    throw new CorruptIndexException("a version without its text");
                }
                visitor.version(name, version);
                for (int s = 0; s < ver.length(IndexSchema.VERSION_SPECS); s++) {
                    FlatTable spec = ver.tableAt(IndexSchema.VERSION_SPECS, s);
                    List<String> specEmbeds = new ArrayList<>();
                    for (int e = 0; e < spec.length(IndexSchema.SPEC_EMBEDS); e++) {
                        specEmbeds.add(spec.stringAt(IndexSchema.SPEC_EMBEDS, e));
                    }
                    visitor.spec(name, version, new Pending(decoder, resolver, spec, ver, name), specEmbeds);
                }
            }
        }
    }

    /** The texts to read at once (files whose specs the index could not key). */
    public List<PendingSpec> eager() {
        List<PendingSpec> out = new ArrayList<>();
        for (int i = 0; i < root.length(IndexSchema.ROOT_EAGER); i++) {
            out.add(new Pending(null, null, root.tableAt(IndexSchema.ROOT_EAGER, i), null, null));
        }
        return out;
    }

    private SpecException cannotRead(RuntimeException e) {
        return new SpecException(new Problem(Problem.Severity.ERROR, Location.file(origin), "",
                "the repository index cannot be read (" + e.getMessage() + "); remove it or run 'spk repo index' again"));
    }

    /** One spec of the index, decoded when read. */
    private final class Pending implements PendingSpec {
        private final SpecDecoder decoder;
        private final Resolver resolver;
        private final FlatTable spec;
        private final FlatTable version;
        private final String name;

        Pending(SpecDecoder decoder, Resolver resolver, FlatTable spec, FlatTable version, String name) {
            this.decoder = decoder;
            this.resolver = resolver;
            this.spec = spec;
            this.version = version;
            this.name = name;
        }

        @Override
        public Location location() {
            try {
                String file = spec.string(IndexSchema.SPEC_FILE);
                return file == null ? Location.file(origin)
                        : new Location(file, spec.i32(IndexSchema.SPEC_LINE, 0) + 1, 1);
            } catch (CorruptIndexException e) {
                return Location.file(origin);
            }
        }

        @Override
        public List<SpecFile> read(Problems problems) {
            String reference;
            try {
                String text = spec.string(IndexSchema.SPEC_TEXT);
                if (text != null) {
                    String file = spec.string(IndexSchema.SPEC_FILE);
                    return SpecTexts.read(file == null ? origin : file, text, spec.i32(IndexSchema.SPEC_LINE, 0),
                            problems);
                }
                if (!spec.has(IndexSchema.SPEC_BUILD) && resolver != null && spec.has(IndexSchema.SPEC_FILE)) {
                    reference = spec.string(IndexSchema.SPEC_FILE);
                } else {
                    return List.of(decoder.spec(spec, PkgName.parse(name), decoder.version(version, IndexSchema.VERSION_TEXT)));
                }
            } catch (SpecException e) {
                throw e;
            } catch (RuntimeException e) {
                // the checksum matched, so this index was written wrong on purpose or by a broken writer
                throw cannotRead(e);
            }
            // the repository's own errors (a missing tag, a bad spec) are its own
            return resolver.read(reference);
        }
    }

    /** Writes {@code data} to {@code file} atomically and durably: a temporary file, fsync, rename, fsync of the folder. */
    public static void write(Path file, byte[] data) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            tmp.toFile().setReadable(true, false);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
