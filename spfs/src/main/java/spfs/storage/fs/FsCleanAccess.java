package spfs.storage.fs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.SpfsException;
import spfs.render.RenderCleanup;
import spfs.storage.CleanAccess;
import spfs.storage.Repository;

/**
 * Clean's access to a repository folder: the exclusive {@code gc.lock}, file sizes and mtimes,
 * and its leftovers: temp files of killed writers, renders of unreachable manifests and proxies
 * of unreachable payloads (per user), and render folders moved aside as untrusted.
 */
final class FsCleanAccess implements CleanAccess {
    private final FsRepository repo;

    FsCleanAccess(FsRepository repo) {
        this.repo = repo;
    }

    @Override
    public Exclusion exclusive() {
        RepositoryLock lock = repo.cleanLock();
        return lock::close;
    }

    @Override
    public List<Repository> namespaceViews() {
        List<Repository> views = new ArrayList<>();
        views.add(repo.withNamespace(Optional.empty()));
        for (String ns : repo.tagNamespaces()) {
            views.add(repo.withNamespace(Optional.of(ns)));
        }
        return views;
    }

    @Override
    public Optional<Stored> object(Digest digest) {
        return stat(repo.objectPath(digest));
    }

    @Override
    public Optional<Stored> payload(Digest digest) {
        return stat(repo.payloadPath(digest));
    }

    private static Optional<Stored> stat(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(new Stored(a.size(), a.lastModifiedTime().toInstant()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Leftovers removeLeftovers(Set<Digest> attached, Instant cutoff, boolean dryRun) {
        FsRepository.TempFiles temps = repo.removeStaleTempFiles(cutoff, dryRun);
        long[] renders = cleanRenders(attached, cutoff, dryRun);
        return new Leftovers(temps.files(), renders[0], renders[1], temps.bytes());
    }

    /** Renders of unreachable manifests and proxies of unreachable payloads, per user. */
    private long[] cleanRenders(Set<Digest> attached, Instant cutoff, boolean dryRun) {
        long renders = 0;
        long proxies = 0;
        Path root = repo.root().resolve("renders");
        if (!Files.isDirectory(root)) {
            return new long[] {0, 0};
        }
        for (Path user : list(root)) {
            if (user.getFileName().toString().startsWith(UserRenders.DISCARDED)) {
                // moved aside as untrusted: never used again
                renders++;
                if (!dryRun) {
                    RenderCleanup.deleteTree(user);
                }
                continue;
            }
            for (Path fan : list(user)) {
                String f = fan.getFileName().toString();
                if (f.equals("proxy")) {
                    for (Map.Entry<Digest, Path> e : digestDirs(fan).entrySet()) {
                        if (!attached.contains(e.getKey()) && olderThan(e.getValue(), cutoff)) {
                            proxies++;
                            if (!dryRun) {
                                RenderCleanup.deleteTree(e.getValue());
                            }
                        }
                    }
                } else if (f.length() == 2) {
                    for (Map.Entry<Digest, Path> e : digestDirs(user).entrySet()) {
                        if (!e.getValue().getParent().equals(fan)) {
                            continue;
                        }
                        if (!attached.contains(e.getKey()) && olderThan(e.getValue(), cutoff)) {
                            renders++;
                            if (!dryRun) {
                                RenderCleanup.deleteTree(e.getValue());
                            }
                        }
                    }
                }
            }
        }
        return new long[] {renders, proxies};
    }

    private static boolean olderThan(Path p, Instant cutoff) {
        return stat(p).map(s -> s.modified().isBefore(cutoff)).orElse(false);
    }

    private static Map<Digest, Path> digestDirs(Path store) {
        Map<Digest, Path> out = new HashMap<>();
        for (Path fan : list(store)) {
            String f = fan.getFileName().toString();
            if (f.length() != 2) {
                continue;
            }
            for (Path p : list(fan)) {
                String text = f + p.getFileName();
                if (text.length() == Digest.TEXT_LENGTH && PartialDigest.looksLikeDigest(text)) {
                    PartialDigest.parse(text).toFull().ifPresent(d -> out.put(d, p));
                }
            }
        }
        return out;
    }

    private static List<Path> list(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot list " + dir + ": " + spfs.error.IoMessages.describe(e), e);
        }
        return out;
    }
}
