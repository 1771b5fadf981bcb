package spk.storage.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import spfs.storage.fs.FsRepository;
import spfs.storage.tar.TarRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.SyncSummary;
import spfs.sync.Syncer;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spk.error.SpkException;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.spec.model.PackageSpec;
import spk.storage.SpfsPackageRepository;
import spk.storage.SpfsPackageRepository.PackageNotFound;

/**
 * SPK's package archives ({@code spk export}, {@code spk import}): a {@code .spk} file is an spfs
 * tar repository holding a version's recipe and builds (or one build) in SPK's tag layout, with
 * every object and payload they need. Tags are copied as they are, so an archive taken through
 * another repository and back keeps every digest.
 */
public final class PackageArchive {
    private PackageArchive() {}

    /** What an export or import copied. */
    public record Copied(List<String> tags, SyncSummary summary) {
        public Copied {
            tags = List.copyOf(tags);
        }
    }

    /** SPK's default archive name: {@code NAME_VERSION[_BUILD].spk}. */
    public static Path defaultFile(AnyIdent pkg) {
        return Path.of(pkg.name().value() + "_" + pkg.version() + pkg.build().map(b -> "_" + b).orElse("") + ".spk");
    }

    /**
     * Writes {@code pkg} ({@code NAME/VERSION}: its recipe and every build; {@code
     * NAME/VERSION/BUILD}: that build and the recipe) from the first repository that has each part
     * into {@code file}, replacing it. The archive appears whole or not at all.
     */
    public static Copied export(List<SpfsPackageRepository> sources, AnyIdent pkg, Path file, SyncReporter reporter) {
        // each part comes from the first repository that has it
        Map<SpfsPackageRepository, List<Tag>> parts = new LinkedHashMap<>();
        for (SpfsPackageRepository r : sources) {
            Optional<Tag> recipe = r.recipeTag(pkg.name(), pkg.version());
            if (recipe.isPresent()) {
                parts.computeIfAbsent(r, k -> new ArrayList<>()).add(recipe.get());
                break;
            }
        }
        List<BuildIdent> builds = new ArrayList<>();
        if (pkg.build().isPresent()) {
            builds.add(new BuildIdent(pkg.name(), pkg.version(), pkg.build().get()));
        } else {
            for (SpfsPackageRepository r : sources) {
                for (PackageSpec b : r.builds(pkg.name(), pkg.version())) {
                    if (!b.pkg().build().isEmbedded() && !builds.contains(b.pkg())) {
                        builds.add(b.pkg()); // an embedded package comes with the build that embeds it
                    }
                }
            }
        }
        for (BuildIdent b : builds) {
            Optional<SpfsPackageRepository> owner = sources.stream().filter(r -> !r.buildTags(b).isEmpty()).findFirst();
            if (owner.isEmpty()) {
                throw new PackageNotFound(b + " is not in " + names(sources));
            }
            parts.computeIfAbsent(owner.get(), k -> new ArrayList<>()).addAll(owner.get().buildTags(b));
        }
        if (parts.isEmpty()) {
            throw new PackageNotFound(pkg + " is not in " + names(sources) + " (export takes NAME/VERSION or NAME/VERSION/BUILD)");
        }
        Path target = file.toAbsolutePath().normalize();
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp.spk");
        boolean done = false;
        try {
            Files.createDirectories(target.getParent());
            SyncSummary total = new SyncSummary(0, 0, 0, 0, 0, 0, 0);
            List<String> copied = new ArrayList<>();
            try (TarRepository archive = TarRepository.open(tmp, Optional.empty())) {
                for (Map.Entry<SpfsPackageRepository, List<Tag>> e : parts.entrySet()) {
                    try (Syncer s = new Syncer(e.getKey().storage(), archive, SyncPolicy.LATEST_TAGS, 8, reporter)) {
                        for (Tag t : e.getValue()) {
                            s.syncTag(t);
                            copied.add(t.spec(0).path());
                        }
                        total = plus(total, s.summary());
                    }
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            // the rename itself survives a crash once the folder is synced
            try (java.nio.channels.FileChannel dir = java.nio.channels.FileChannel.open(target.getParent(),
                    java.nio.file.StandardOpenOption.READ)) {
                dir.force(true);
            }
            return new Copied(copied, total);
        } catch (IOException e) {
            throw new CannotWrite("cannot write " + target + ": " + e.getMessage());
        } finally {
            if (!done) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // only a temp file next to the target is left
                }
            }
        }
    }

    private static SyncSummary plus(SyncSummary a, SyncSummary b) {
        return new SyncSummary(a.tagsSynced() + b.tagsSynced(), a.tagsSkipped() + b.tagsSkipped(),
                a.objectsSynced() + b.objectsSynced(), a.objectsSkipped() + b.objectsSkipped(),
                a.payloadsSynced() + b.payloadsSynced(), a.payloadsSkipped() + b.payloadsSkipped(),
                a.bytesSynced() + b.bytesSynced());
    }

    /**
     * Copies every tag of the archive {@code file} (at its current version), with what it needs,
     * into {@code local}, as SPK's import does.
     */
    public static Copied importInto(Path file, FsRepository local, SyncReporter reporter) {
        if (!Files.isRegularFile(file)) {
            throw new NotAnArchive("cannot import " + file + ": " + (Files.exists(file) ? "not a file" : "no such file"));
        }
        try (TarRepository archive = TarRepository.open(file, Optional.empty());
                Syncer s = new Syncer(archive, local, SyncPolicy.LATEST_TAGS, 8, reporter)) {
            List<TagSpec> specs;
            try (var streams = archive.tagStreams()) {
                specs = streams.sorted(java.util.Comparator.comparing(TagSpec::path)).toList();
            }
            if (specs.isEmpty()) {
                throw new NotAnArchive("cannot import " + file + ": it holds no packages (no tags)");
            }
            for (TagSpec t : specs) {
                s.syncTag(archive.resolveTag(t));
            }
            return new Copied(specs.stream().map(TagSpec::path).toList(), s.summary());
        }
    }

    private static String names(List<SpfsPackageRepository> repos) {
        return repos.isEmpty() ? "any repository (the local one is empty; give others with -r)"
                : String.join(", ", repos.stream().map(SpfsPackageRepository::name).toList());
    }

    /** A file given to import that is not a package archive. */
    public static final class NotAnArchive extends SpkException {
        private static final long serialVersionUID = 1L;

        NotAnArchive(String message) {
            super("not-an-archive", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }

    /** The archive could not be written. */
    public static final class CannotWrite extends SpkException {
        private static final long serialVersionUID = 1L;

        CannotWrite(String message) {
            super("cannot-write", message);
        }

        @Override
        public Kind kind() {
            return Kind.ENVIRONMENT;
        }
    }
}
