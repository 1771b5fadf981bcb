package spk.solver.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import spk.spec.model.PackageSpec;
import spk.spec.model.SpecFile;
import spk.spec.problem.Problems;
import spk.solver.repository.index.IndexFiles;
import spk.solver.repository.index.RepositoryIndex;
import spk.solver.repository.index.SourceSnapshot;

/**
 * The index of a catalog folder, kept in the folder as {@value #FILE_NAME}: every build's spec as
 * fields, made by {@code spk repo index}, used by {@link CatalogRepository#load} while the folder's
 * spec files look as they did when it was made.
 */
public final class CatalogIndexFile {
    public static final String FILE_NAME = ".spk-repo-index";

    private CatalogIndexFile() {}

    /** What writing an index did: specs kept as fields, as text, and the file's size. */
    public record Summary(Path file, int structured, int text, int files, long bytes) {}

    /** Makes (or remakes) the index of a catalog folder. */
    public static Summary write(Path folder) throws IOException {
        SourceSnapshot before = sources(folder).now();
        if (before.files().isEmpty()) {
            throw new NoSpecFiles(folder + ": not a repository (neither an spfs repository nor a folder holding "
                    + ".yaml specs)");
        }
        Map<String, byte[]> content = new LinkedHashMap<>();
        List<CatalogIndex.Scanned> scans = new ArrayList<>();
        for (SourceSnapshot.FileState f : before.files()) {
            Path p = folder.resolve(f.path());
            byte[] b = Files.readAllBytes(p);
            content.put(f.path(), b);
            scans.add(CatalogIndex.scan(p.toString(), b));
        }
        SourceSnapshot snapshot = before.withContent(content).settled(folder);
        List<RepositoryIndex.Keyed> items = new ArrayList<>();
        List<CatalogIndex.Indexed> origins = new ArrayList<>();
        List<RepositoryIndex.Text> eager = new ArrayList<>();
        for (CatalogIndex.Scanned s : scans) {
            for (CatalogIndex.Indexed i : s.indexed()) {
                items.add(new RepositoryIndex.Keyed(i.name(), i.version(), item(i)));
                origins.add(i);
            }
            for (CatalogIndex.Entry e : s.parseNow()) {
                // a file the scan cannot split (flow style, anchors, ...) is read now, once
                List<PackageSpec> builds = wholeFile(e);
                if (builds == null) {
                    eager.add(text(e, java.util.Set.of()));
                }
                for (PackageSpec p : builds == null ? List.<PackageSpec>of() : builds) {
                    items.add(new RepositoryIndex.Keyed(p.pkg().name().value(), p.pkg().version().toSerialized(),
                            new RepositoryIndex.Built(p, e.file())));
                    origins.add(new CatalogIndex.Indexed(p.pkg().name().value(), p.pkg().version().toSerialized(), e,
                            java.util.Set.of()));
                }
            }
        }
        // what the index gives back must be what the files say; anything that differs is kept as text
        Map<RepositoryIndex.Keyed, CatalogIndex.Indexed> originOf = new java.util.IdentityHashMap<>();
        for (int k = 0; k < items.size(); k++) {
            originOf.put(items.get(k), origins.get(k));
        }
        int[] texts = {eager.size()};
        byte[] data = RepositoryIndex.encodeChecked(RepositoryIndex.KIND_CATALOG, snapshot, items, eager, k -> {
            CatalogIndex.Indexed i = originOf.get(k);
            texts[0]++;
            return new RepositoryIndex.Keyed(k.name(), k.version(), text((CatalogIndex.Entry) i.entry(), i.mentions()));
        });
        texts[0] += (int) items.stream().filter(k -> k.item() instanceof RepositoryIndex.Text).count();
        Path file = folder.resolve(FILE_NAME);
        RepositoryIndex.write(file, data);
        int all = items.size() + eager.size();
        return new Summary(file, all - texts[0], texts[0], before.files().size(), data.length);
    }

    private static RepositoryIndex.Text text(CatalogIndex.Entry e, java.util.Set<String> mentions) {
        return new RepositoryIndex.Text(e.file(), e.line(), e.text(), mentions);
    }

    /** The builds of a whole file when it holds builds only and reads cleanly; null otherwise. */
    private static List<PackageSpec> wholeFile(CatalogIndex.Entry e) {
        Problems problems = new Problems();
        List<SpecFile> specs;
        try {
            specs = e.read(problems);
        } catch (RuntimeException ex) {
            return null;
        }
        if (problems.hasErrors() || !specs.stream().allMatch(x -> x instanceof PackageSpec)) {
            return null;
        }
        List<PackageSpec> builds = specs.stream().map(x -> (PackageSpec) x).toList();
        // all or none: the file is read whole if any of its builds would not come back equal
        boolean[] differs = {false};
        RepositoryIndex.encodeChecked(RepositoryIndex.KIND_CATALOG, new SourceSnapshot(0, List.of()),
                builds.stream().map(p -> new RepositoryIndex.Keyed(p.pkg().name().value(),
                        p.pkg().version().toSerialized(), new RepositoryIndex.Built(p, e.file()))).toList(), List.of(),
                k -> {
                    differs[0] = true;
                    return k;
                });
        return differs[0] ? null : builds;
    }

    /** A spec as fields when it reads cleanly as one build with the name and version it was found under. */
    private static RepositoryIndex.Item item(CatalogIndex.Indexed i) {
        CatalogIndex.Entry e = (CatalogIndex.Entry) i.entry();
        Problems problems = new Problems();
        List<SpecFile> specs;
        try {
            specs = e.read(problems);
        } catch (RuntimeException ex) {
            // its error is reported when the solver reads it, as without an index
            return text(e, i.mentions());
        }
        if (!problems.hasErrors() && specs.size() == 1 && specs.get(0) instanceof PackageSpec p
                && p.pkg().name().value().equals(i.name())
                && p.pkg().version().toSerialized().equals(i.version())) {
            return new RepositoryIndex.Built(p, e.file());
        }
        return text(e, i.mentions());
    }

    /** The folder's index when there is one that is undamaged, trusted and fresh (see {@link IndexFiles}). */
    static Optional<RepositoryIndex> openFresh(Path folder, Consumer<String> warnings) {
        return IndexFiles.openFresh(folder.resolve(FILE_NAME), folder, RepositoryIndex.KIND_CATALOG, sources(folder),
                "spk repo index -r " + folder, warnings);
    }

    static IndexFiles.Sources sources(Path folder) {
        return new IndexFiles.Sources(folder, CatalogRepository::isSpecFile);
    }

    /** A folder to index that holds no spec files. */
    public static final class NoSpecFiles extends spk.error.SpkException {
        private static final long serialVersionUID = 1L;

        NoSpecFiles(String message) {
            super("not-a-repository", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
