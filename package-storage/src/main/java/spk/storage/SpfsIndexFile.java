package spk.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import spfs.storage.fs.FsRepository;
import spk.solver.repository.index.IndexFiles;
import spk.solver.repository.index.RepositoryIndex;
import spk.solver.repository.index.SourceSnapshot;
import spk.spec.model.PackageSpec;
import spk.spec.model.SpecFile;
import spk.spec.problem.Problems;

/**
 * The index of an spfs package repository on this file system, kept at its root as
 * {@code spk-repo-index} (one per tag namespace): every build's spec, made from the spec tags
 * under {@code tags/spk/spec}, fresh while those tag files look as they did. Remaking it reuses
 * the entries of the old index for tag files that have not changed, so keeping it current after
 * a publish reads only what was published.
 */
public final class SpfsIndexFile {
    public static final String FILE_NAME = "spk-repo-index";
    private static final String TAG = ".tag";
    private static final String EMBED_STUB = "embedded-by-";

    private SpfsIndexFile() {}

    /** What remaking an index did. */
    public record Summary(Path file, int specs, int reused, int read, long bytes) {}

    static Path file(FsRepository fs) {
        return fs.root().resolve(fs.tagNamespace().map(ns -> FILE_NAME + "." + ns).orElse(FILE_NAME));
    }

    static IndexFiles.Sources sources(FsRepository fs) {
        Path tags = fs.root().resolve("tags");
        Path root = fs.tagNamespace().map(ns -> tags.resolve(ns + "#ns")).orElse(tags).resolve("spk").resolve("spec");
        return new IndexFiles.Sources(root, p -> p.getFileName().toString().endsWith(TAG));
    }

    /** The repository's index when it has one that can be used; warnings say why one cannot. */
    static Optional<RepositoryIndex> openFresh(FsRepository fs, Consumer<String> warnings) {
        return IndexFiles.openFresh(file(fs), fs.root(), RepositoryIndex.KIND_SPFS, sources(fs),
                "spk repo index -r " + fs.root(), warnings);
    }

    /**
     * Remakes the index if the repository has one that is no longer fresh (after a change to its
     * packages); empty when there is none, or it is still fresh.
     */
    public static Optional<Summary> refreshIfPresent(SpfsPackageRepository repo) throws IOException {
        if (!(repo.storage() instanceof FsRepository fs) || !Files.exists(file(fs))
                || openFresh(fs, w -> {}).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(write(repo));
    }

    /** Makes (or remakes) the index of a repository on this file system. */
    public static Summary write(SpfsPackageRepository repo) throws IOException {
        FsRepository fs = repo.spfs();
        IndexFiles.Sources sources = sources(fs);
        Map<String, List<PackageSpec>> old = oldEntries(fs);
        // a tag written while we read is caught by comparing the tag files before and after
        for (int attempt = 0; ; attempt++) {
            SourceSnapshot before = withContent(sources, sources.now());
            List<RepositoryIndex.Keyed> items = new ArrayList<>();
            int reused = 0;
            int specs = 0;
            for (SourceSnapshot.FileState f : before.files()) {
                String rel = f.path();
                String[] parts = rel.substring(0, rel.length() - TAG.length()).split("/");
                if (parts.length < 2 || parts.length > 3) {
                    continue;
                }
                String version = parts[1].replace("..", "+");
                if (parts.length == 2 || parts[2].startsWith(EMBED_STUB)) {
                    items.add(new RepositoryIndex.Keyed(parts[0], version, new RepositoryIndex.Presence()));
                    continue;
                }
                specs++;
                List<PackageSpec> was = old.get(key(f));
                if (was != null) {
                    reused++;
                    was.forEach(s -> items.add(new RepositoryIndex.Keyed(parts[0], version, built(s, rel))));
                } else {
                    items.add(new RepositoryIndex.Keyed(parts[0], version, read(repo, rel)));
                }
            }
            SourceSnapshot after = withContent(sources, sources.now());
            if (!after.files().equals(before.files()) && attempt < 3) {
                continue;
            }
            byte[] data = RepositoryIndex.encodeChecked(RepositoryIndex.KIND_SPFS, before.settled(sources.root()),
                    items, List.of(),
                    k -> new RepositoryIndex.Keyed(k.name(), k.version(),
                            new RepositoryIndex.Reference(((RepositoryIndex.Built) k.item()).file())));
            Path file = file(fs);
            RepositoryIndex.write(file, data);
            return new Summary(file, specs, reused, specs - reused, data.length);
        }
    }

    private static String tagOf(String rel) {
        return "spk/spec/" + rel.substring(0, rel.length() - TAG.length());
    }

    private static RepositoryIndex.Item built(PackageSpec p, String rel) {
        return new RepositoryIndex.Built(p, rel);
    }

    /** A build read from its tag; one that cannot be read is left for solves to read (and report) themselves. */
    private static RepositoryIndex.Item read(SpfsPackageRepository repo, String rel) {
        try {
            if (repo.readSpecTag(tagOf(rel)) instanceof PackageSpec p) {
                return built(p, rel);
            }
        } catch (spk.error.SpkException e) {
            // the same error comes from reading the tag when a solve asks for this version
        }
        return new RepositoryIndex.Reference(rel);
    }

    private static SourceSnapshot withContent(IndexFiles.Sources sources, SourceSnapshot s) throws IOException {
        Map<String, byte[]> content = new HashMap<>();
        for (SourceSnapshot.FileState f : s.files()) {
            content.put(f.path(), Files.readAllBytes(sources.root().resolve(f.path())));
        }
        return s.withContent(content);
    }

    private static String key(SourceSnapshot.FileState f) {
        return f.path() + "\0" + f.size() + "\0" + f.crc();
    }

    /**
     * The specs of the old index by tag file (path, size and checksum: a tag file with those is the
     * same stream, so its spec is the same), when there is an old index that reads cleanly.
     */
    private static Map<String, List<PackageSpec>> oldEntries(FsRepository fs) {
        Map<String, List<PackageSpec>> out = new LinkedHashMap<>();
        try {
            Optional<RepositoryIndex> index = IndexFiles.openAny(file(fs), fs.root(), RepositoryIndex.KIND_SPFS);
            if (index.isEmpty()) {
                return out;
            }
            Map<String, String> keys = new HashMap<>();
            for (SourceSnapshot.FileState f : index.get().snapshot().files()) {
                keys.put(f.path(), key(f));
            }
            Map<String, List<PackageSpec>> byFile = new HashMap<>();
            index.get().visit((name, version, pending, embeds) -> {
                String file = pending.location().file();
                // references are read again from their tags
                for (SpecFile s : pending.read(new Problems())) {
                    if (s instanceof PackageSpec p && keys.containsKey(file)) {
                        byFile.computeIfAbsent(keys.get(file), k -> new ArrayList<>()).add(p);
                    }
                }
            }, file -> List.of());
            out.putAll(byFile);
        } catch (RuntimeException e) {
            // an old index that cannot be read is remade from the tags
            out.clear();
        }
        return out;
    }
}
