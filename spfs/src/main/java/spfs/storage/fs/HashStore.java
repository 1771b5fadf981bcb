package spfs.storage.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;

/**
 * A directory of files named by digest: {@code XX/<54 chars>} where XX are the first two
 * base32 characters, plus a {@code work/} directory for writes in flight.
 */
final class HashStore {
    /** How many characters of a digest's text name its fan-out directory. */
    private static final int FAN_OUT_LENGTH = 2;

    private final Path root;
    private final Path work;
    private final RepositoryPermissions perms;
    private final Set<String> knownFanOut = ConcurrentHashMap.newKeySet();

    HashStore(Path root, RepositoryPermissions perms) {
        this.root = root;
        this.work = root.resolve("work");
        this.perms = perms;
    }

    Path root() {
        return root;
    }

    Path work() throws IOException {
        perms.makeDirs(work);
        return work;
    }

    Path path(Digest d) {
        return root.resolve(fanOut(d)).resolve(d.toString().substring(FAN_OUT_LENGTH));
    }

    /** The name of the fan-out directory {@code d} goes in: the first characters of its text. */
    static String fanOut(Digest d) {
        return d.shortText(FAN_OUT_LENGTH);
    }

    /** Whether the fan-out directory {@code fanOut} exists (access(2), as {@link #has}). */
    boolean hasFanOut(String fanOut) {
        return Files.exists(root.resolve(fanOut));
    }

    /** Makes the fan-out directory for {@code d} exist (cached, so mostly free). */
    Path prepare(Digest d) throws IOException {
        Path p = path(d);
        String fan = fanOut(d);
        if (!knownFanOut.contains(fan)) {
            perms.makeDirs(p.getParent());
            knownFanOut.add(fan);
        }
        return p;
    }

    /**
     * access(2), which fails without an exception: a stat that fails costs the JDK an exception
     * with its stack trace, and commits and pulls ask this for every new file. A dangling link in
     * the store counts as absent, so the write that follows replaces it; reads still refuse
     * anything but a regular file ({@link StoredFiles}).
     */
    boolean has(Digest d) {
        return Files.exists(path(d));
    }

    /** Every digest in the store; skips work/, proxy/ and names that are not digests. */
    Stream<Digest> digests() {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try {
            Stream<Path> fans = Files.list(root);
            return fans.filter(p -> p.getFileName().toString().length() == FAN_OUT_LENGTH && Files.isDirectory(p))
                    .flatMap(HashStore::digestsIn)
                    .onClose(fans::close);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Digest> digestsIn(Path fan) {
        List<Digest> out = new ArrayList<>();
        String prefix = fan.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(fan)) {
            for (Path p : ds) {
                String text = prefix + p.getFileName();
                if (text.length() == Digest.TEXT_LENGTH && PartialDigest.looksLikeDigest(text)) {
                    PartialDigest.parse(text).toFull().ifPresent(out::add);
                }
            }
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream();
    }

    /** Digests starting with {@code partial}, looking only in its fan-out directory when it can. */
    List<Digest> find(PartialDigest partial) {
        String t = partial.text();
        if (t.length() < FAN_OUT_LENGTH) {
            try (Stream<Digest> all = digests()) {
                return all.filter(partial::matches).toList();
            }
        }
        Path fan = root.resolve(t.substring(0, FAN_OUT_LENGTH));
        if (!Files.isDirectory(fan)) {
            return List.of();
        }
        try (Stream<Digest> in = digestsIn(fan)) {
            return in.filter(partial::matches).toList();
        }
    }

    boolean remove(Digest d) {
        try {
            return Files.deleteIfExists(path(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Removes {@code d} if its mtime is before {@code cutoff}. The file is first renamed into
     * work/ and its age checked again there, so a writer that refreshed it meanwhile wins.
     */
    boolean removeIfOlderThan(Digest d, Instant cutoff) {
        Path p = path(d);
        try {
            if (!Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
                return false;
            }
            Path moved = DurableFiles.tempIn(work());
            Files.move(p, moved, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            if (!Files.getLastModifiedTime(moved).toInstant().isBefore(cutoff)) {
                DurableFiles.moveIntoPlace(moved, p);
                return false;
            }
            Files.delete(moved);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes leftover temp files (in work/ and beside targets) older than {@code cutoff} (only
     * counts them when {@code dryRun}); adds what it found to {@code found}.
     */
    void removeStaleTemps(Instant cutoff, boolean dryRun, FsRepository.TempFiles.Counter found) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (DirectoryStream<Path> fans = Files.newDirectoryStream(root)) {
            for (Path fan : fans) {
                if (!Files.isDirectory(fan, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                boolean isWork = fan.getFileName().toString().equals("work");
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(fan)) {
                    for (Path p : ds) {
                        boolean temp = isWork || p.getFileName().toString().endsWith(DurableFiles.TEMP_SUFFIX);
                        if (!temp) {
                            continue;
                        }
                        var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
                                java.nio.file.LinkOption.NOFOLLOW_LINKS);
                        if (a.lastModifiedTime().toInstant().isBefore(cutoff) && (dryRun || Files.deleteIfExists(p))) {
                            found.add(a.size());
                        }
                    }
                } catch (NoSuchFileException e) {
                    // a fan-out directory removed meanwhile
                }
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Marks {@code d} as just written, so cleaning spares it. */
    boolean touch(Digest d) {
        try {
            Files.setLastModifiedTime(path(d), FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            // another user's file in a shared repo: its age is not ours to change
            return true;
        }
    }
}
