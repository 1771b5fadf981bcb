package spfs.clean;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.encoding.PartialDigest;
import spfs.error.SpfsException;
import spfs.graph.Blob;
import spfs.graph.SpfsObject;
import spfs.render.RenderCleanup;
import spfs.storage.fs.FsRepository;
import spfs.storage.fs.RepositoryLock;
import spfs.storage.fs.UserRenders;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spfs.walk.ObjectWalker;

/**
 * Garbage collection: everything that no version of any tag in any namespace reaches, and that
 * is older than the cutoff, is removed: objects, payloads, renders and proxies. Runs under the
 * repository's exclusive lock, so running jspk commits finish (and tag) first.
 */
public final class Cleaner {
    private final FsRepository repo;
    private final CleanOptions options;

    public Cleaner(FsRepository repo, CleanOptions options) {
        this.repo = repo;
        this.options = options;
    }

    @SuppressWarnings("try") // the lock is held for the block, never used in it
    public CleanSummary clean() {
        try (RepositoryLock lock = repo.cleanLock()) {
            return cleanLocked();
        }
    }

    private CleanSummary cleanLocked() {
        long pruned = 0;
        Set<Digest> attached = new HashSet<>();
        ObjectWalker walker = new ObjectWalker(repo);
        List<FsRepository> views = new ArrayList<>();
        views.add(repo.withNamespace(Optional.empty()));
        for (String ns : repo.tagNamespaces()) {
            views.add(repo.withNamespace(Optional.of(ns)));
        }
        for (FsRepository view : views) {
            boolean prunable = view.tagNamespace().equals(repo.tagNamespace());
            List<TagSpec> specs;
            try (Stream<TagSpec> s = view.tagStreams()) {
                specs = s.toList();
            }
            for (TagSpec spec : specs) {
                List<Tag> versions = view.readTagStream(spec);
                for (int i = 0; i < versions.size(); i++) {
                    Tag t = versions.get(i);
                    if (prunable && options.prunes() && shouldPrune(versions, i)) {
                        pruned++;
                        if (!options.dryRun()) {
                            view.removeTag(t);
                        }
                        continue;
                    }
                    walker.reach(t.target(), attached, missing -> { });
                }
            }
        }
        // blobs reach their payload through their own digest; annotation payloads likewise
        long objectsRemoved = 0;
        long payloadsRemoved = 0;
        long bytes = 0;
        long young = 0;
        List<Digest> objects;
        try (Stream<Digest> s = repo.objectDigests()) {
            objects = s.filter(d -> !attached.contains(d)).toList();
        }
        for (Digest d : objects) {
            long size = fileSize(repo.objectPath(d));
            boolean isBlob = isBlob(d);
            if (options.dryRun() ? olderThanCutoff(repo.objectPath(d)) : repo.removeObjectIfOlderThan(d, options.minAgeCutoff())) {
                objectsRemoved++;
                bytes += size;
                if (isBlob) {
                    attached.add(d); // its payload is handled here, not again below
                    long psize = fileSize(repo.payloadPath(d));
                    if (options.dryRun() ? Files.exists(repo.payloadPath(d)) : repo.removePayloadIfOlderThan(d, options.minAgeCutoff())) {
                        payloadsRemoved++;
                        bytes += psize;
                    }
                }
            } else {
                young++;
                attached.add(d);
            }
        }
        List<Digest> payloads;
        try (Stream<Digest> s = repo.payloadDigests()) {
            payloads = s.filter(d -> !attached.contains(d)).toList();
        }
        for (Digest d : payloads) {
            long size = fileSize(repo.payloadPath(d));
            // unlike spfs, orphan payloads get the same age floor: a commit writes them before their blob
            if (options.dryRun() ? olderThanCutoff(repo.payloadPath(d)) : repo.removePayloadIfOlderThan(d, options.minAgeCutoff())) {
                payloadsRemoved++;
                bytes += size;
            }
        }
        FsRepository.TempFiles temps = repo.removeStaleTempFiles(options.minAgeCutoff(), options.dryRun());
        bytes += temps.bytes();
        long[] renders = cleanRenders(attached);
        return new CleanSummary(pruned, objectsRemoved, payloadsRemoved, temps.files(), bytes, renders[0], renders[1], young,
                options.dryRun());
    }

    private boolean shouldPrune(List<Tag> versions, int i) {
        Tag t = versions.get(i);
        if (options.keepIfLessThan().isPresent() && i < options.keepIfLessThan().getAsInt()) {
            return false;
        }
        if (options.keepIfNewerThan().isPresent() && t.time().isAfter(options.keepIfNewerThan().get())) {
            return false;
        }
        if (options.pruneIfMoreThan().isPresent() && i > options.pruneIfMoreThan().getAsInt()) {
            return true;
        }
        if (options.pruneIfOlderThan().isPresent() && t.time().isBefore(options.pruneIfOlderThan().get())) {
            return true;
        }
        if (options.pruneRepeatedKeep().isPresent()) {
            int newerSame = 0;
            for (int j = 0; j < i; j++) {
                if (versions.get(j).target().equals(t.target())) {
                    newerSame++;
                }
            }
            return newerSame >= options.pruneRepeatedKeep().getAsInt();
        }
        return false;
    }

    private boolean isBlob(Digest d) {
        try {
            SpfsObject o = repo.readObject(d);
            return o instanceof Blob;
        } catch (SpfsException e) {
            return false;
        }
    }

    private boolean olderThanCutoff(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant().isBefore(options.minAgeCutoff());
        } catch (IOException e) {
            return false;
        }
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Renders of unreachable manifests and proxies of unreachable payloads, per user. */
    private long[] cleanRenders(Set<Digest> attached) {
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
                if (!options.dryRun()) {
                    RenderCleanup.deleteTree(user);
                }
                continue;
            }
            for (Path fan : list(user)) {
                String f = fan.getFileName().toString();
                if (f.equals("proxy")) {
                    for (Map.Entry<Digest, Path> e : digestDirs(fan).entrySet()) {
                        if (!attached.contains(e.getKey()) && olderThanCutoff(e.getValue())) {
                            proxies++;
                            if (!options.dryRun()) {
                                RenderCleanup.deleteTree(e.getValue());
                            }
                        }
                    }
                } else if (f.length() == 2) {
                    for (Map.Entry<Digest, Path> e : digestDirs(user).entrySet()) {
                        if (!e.getValue().getParent().equals(fan)) {
                            continue;
                        }
                        if (!attached.contains(e.getKey()) && olderThanCutoff(e.getValue())) {
                            renders++;
                            if (!options.dryRun()) {
                                RenderCleanup.deleteTree(e.getValue());
                            }
                        }
                    }
                }
            }
        }
        return new long[] {renders, proxies};
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
