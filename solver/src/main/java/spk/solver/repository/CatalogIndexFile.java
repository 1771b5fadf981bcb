package spk.solver.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
import spk.spec.write.SpecWriter;
import spk.solver.repository.index.CorruptIndexException;
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
        SourceSnapshot before = SourceSnapshot.take(folder, CatalogRepository::isSpecFile);
        Map<String, byte[]> content = new LinkedHashMap<>();
        List<CatalogIndex.Scanned> scans = new ArrayList<>();
        for (SourceSnapshot.FileState f : before.files()) {
            Path p = folder.resolve(f.path());
            byte[] b = Files.readAllBytes(p);
            content.put(f.path(), b);
            scans.add(CatalogIndex.scan(p.toString(), b));
        }
        SourceSnapshot snapshot = before.withContent(content);
        List<RepositoryIndex.Keyed> items = new ArrayList<>();
        List<CatalogIndex.Indexed> origins = new ArrayList<>();
        List<RepositoryIndex.Text> eager = new ArrayList<>();
        for (CatalogIndex.Scanned s : scans) {
            for (CatalogIndex.Indexed i : s.indexed()) {
                items.add(new RepositoryIndex.Keyed(i.name(), i.version(), item(i)));
                origins.add(i);
            }
            for (CatalogIndex.Entry e : s.parseNow()) {
                eager.add(text(e, java.util.Set.of()));
            }
        }
        byte[] data = RepositoryIndex.encode(RepositoryIndex.KIND_CATALOG, snapshot, items, eager);
        // what the index gives back must be what the files say; anything that differs is kept as text
        List<RepositoryIndex.Keyed> checked = verified(folder, data, items, origins);
        if (checked != items) {
            data = RepositoryIndex.encode(RepositoryIndex.KIND_CATALOG, snapshot, checked, eager);
        }
        Path file = folder.resolve(FILE_NAME);
        RepositoryIndex.write(file, data);
        int structured = (int) checked.stream().filter(k -> k.item() instanceof RepositoryIndex.Built).count();
        return new Summary(file, structured, checked.size() - structured + eager.size(), before.files().size(),
                data.length);
    }

    private static RepositoryIndex.Text text(CatalogIndex.Entry e, java.util.Set<String> mentions) {
        return new RepositoryIndex.Text(e.file(), e.line(), e.text(), mentions);
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
                && RepositoryIndex.structurable(p) && p.pkg().name().value().equals(i.name())
                && p.pkg().version().toSerialized().equals(i.version())) {
            return new RepositoryIndex.Built(p);
        }
        return text(e, i.mentions());
    }

    private static List<RepositoryIndex.Keyed> verified(Path folder, byte[] data, List<RepositoryIndex.Keyed> items,
            List<CatalogIndex.Indexed> origins) {
        // the index lists specs grouped by name, then version, in first-seen order
        Map<String, Map<String, List<Integer>>> grouped = new LinkedHashMap<>();
        for (int k = 0; k < items.size(); k++) {
            grouped.computeIfAbsent(items.get(k).name(), x -> new LinkedHashMap<>())
                    .computeIfAbsent(items.get(k).version(), x -> new ArrayList<>()).add(k);
        }
        List<Integer> order = new ArrayList<>();
        grouped.values().forEach(m -> m.values().forEach(order::addAll));
        List<PendingSpec> decoded = new ArrayList<>();
        RepositoryIndex.read(folder.toString(), data).visit((n, v, spec, embeds) -> decoded.add(spec));
        List<RepositoryIndex.Keyed> out = new ArrayList<>(items);
        boolean changed = false;
        for (int j = 0; j < order.size(); j++) {
            RepositoryIndex.Keyed k = items.get(order.get(j));
            if (k.item() instanceof RepositoryIndex.Built b && !sameSpec(b.spec(), decoded.get(j))) {
                CatalogIndex.Indexed i = origins.get(order.get(j));
                out.set(order.get(j), new RepositoryIndex.Keyed(k.name(), k.version(),
                        text((CatalogIndex.Entry) i.entry(), i.mentions())));
                changed = true;
            }
        }
        return changed ? out : items;
    }

    private static boolean sameSpec(PackageSpec original, PendingSpec decoded) {
        try {
            List<SpecFile> back = decoded.read(new Problems());
            return back.size() == 1 && back.get(0).equals(original)
                    && SpecWriter.toMap(back.get(0)).equals(SpecWriter.toMap(original));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The folder's index when there is one that is undamaged, trusted and fresh; otherwise empty,
     * after telling {@code warnings} why (nothing when there is no index at all).
     */
    static Optional<RepositoryIndex> openFresh(Path folder, Consumer<String> warnings) {
        Path file = folder.resolve(FILE_NAME);
        byte[] data;
        try {
            if (!trusted(folder, file, warnings)) {
                return Optional.empty();
            }
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            warnings.accept("cannot read the index " + file + " (" + e.getMessage() + "); reading the specs");
            return Optional.empty();
        }
        try {
            RepositoryIndex index = RepositoryIndex.read(file.toString(), data);
            if (index.kind() != RepositoryIndex.KIND_CATALOG) {
                throw new CorruptIndexException("it is not the index of a folder of specs");
            }
            SourceSnapshot was = index.snapshot();
            String stale = was.staleness(folder, SourceSnapshot.take(folder, CatalogRepository::isSpecFile));
            if (stale != null) {
                warnings.accept("the index " + file + " is out of date (" + stale
                        + "); reading the specs (run 'spk repo index -r " + folder + "' to refresh it)");
                return Optional.empty();
            }
            return Optional.of(index);
        } catch (CorruptIndexException e) {
            warnings.accept("the index " + file + " cannot be used (" + e.getMessage() + "); reading the specs");
        } catch (IOException e) {
            warnings.accept("cannot check the index " + file + " (" + e.getMessage() + "); reading the specs");
        }
        return Optional.empty();
    }

    /**
     * An index is as trusted as the specs beside it only when written by the folder's owner, by
     * this user or by root; one planted by anyone else is ignored.
     */
    private static boolean trusted(Path folder, Path file, Consumer<String> warnings) throws IOException {
        int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            warnings.accept("the index " + file + " is not a regular file; reading the specs");
            return false;
        }
        int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        int folderOwner = (Integer) Files.getAttribute(folder, "unix:uid");
        if (owner != 0 && owner != me && owner != folderOwner) {
            warnings.accept("the index " + file + " belongs to another user (uid " + owner
                    + ") than the folder; reading the specs");
            return false;
        }
        return true;
    }
}
