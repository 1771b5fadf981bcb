package spfs.clean;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.graph.Blob;
import spfs.graph.SpfsObject;
import spfs.storage.CleanAccess;
import spfs.storage.Repository;
import spfs.tag.Tag;
import spfs.tag.TagSpec;
import spfs.walk.ObjectWalker;

/**
 * Garbage collection: everything that no version of any tag in any namespace reaches, and that
 * is older than the cutoff, is removed: objects, payloads, and the repository's leftovers (renders
 * and proxies, temp files, unfinished uploads). Runs with the repository's {@link
 * CleanAccess#exclusive exclusion} held, so running jspk write sessions finish (and tag) first.
 */
public final class Cleaner {
    private final Repository repo;
    private final CleanAccess access;
    private final CleanOptions options;

    /** {@code repo} in the namespace whose tags may be pruned; it must be a kind clean can clean. */
    public Cleaner(Repository repo, CleanOptions options) {
        this.repo = repo;
        this.access = repo.cleanAccess().orElseThrow(() -> SpfsException.badInput("cannot-clean",
                "spfs clean cannot clean " + repo.address() + " (only folder and s3:// repositories)"));
        this.options = options;
    }

    @SuppressWarnings("try") // the exclusion is held for the block, never used in it
    public CleanSummary clean() {
        try (CleanAccess.Exclusion held = access.exclusive()) {
            return cleanExclusively();
        }
    }

    private CleanSummary cleanExclusively() {
        long pruned = 0;
        Set<Digest> attached = new HashSet<>();
        ObjectWalker walker = new ObjectWalker(repo);
        for (Repository view : access.namespaceViews()) {
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
            Optional<CleanAccess.Stored> stored = access.object(d);
            boolean isBlob = isBlob(d);
            if (removeObject(d, stored)) {
                objectsRemoved++;
                bytes += stored.map(CleanAccess.Stored::size).orElse(0L);
                if (isBlob) {
                    attached.add(d); // its payload is handled here, not again below
                    Optional<CleanAccess.Stored> payload = access.payload(d);
                    if (removePayload(d, payload)) {
                        payloadsRemoved++;
                        bytes += payload.map(CleanAccess.Stored::size).orElse(0L);
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
            Optional<CleanAccess.Stored> stored = access.payload(d);
            // unlike spfs, orphan payloads get the same age floor: a commit writes them before their blob
            if (removePayload(d, stored)) {
                payloadsRemoved++;
                bytes += stored.map(CleanAccess.Stored::size).orElse(0L);
            }
        }
        CleanAccess.Leftovers left = access.removeLeftovers(attached, options.minAgeCutoff(), options.dryRun());
        bytes += left.bytes();
        return new CleanSummary(pruned, objectsRemoved, payloadsRemoved, left.tempFiles(), bytes, left.renders(), left.proxies(),
                young, options.dryRun());
    }

    private boolean removeObject(Digest d, Optional<CleanAccess.Stored> stored) {
        return options.dryRun() ? olderThanCutoff(stored) : repo.removeObjectIfOlderThan(d, options.minAgeCutoff());
    }

    private boolean removePayload(Digest d, Optional<CleanAccess.Stored> stored) {
        return options.dryRun() ? olderThanCutoff(stored) : repo.removePayloadIfOlderThan(d, options.minAgeCutoff());
    }

    private boolean olderThanCutoff(Optional<CleanAccess.Stored> stored) {
        return stored.map(s -> s.modified().isBefore(options.minAgeCutoff())).orElse(false);
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
}
