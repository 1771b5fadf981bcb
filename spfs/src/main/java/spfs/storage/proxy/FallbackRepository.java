package spfs.storage.proxy;

import java.io.InputStream;
import java.util.List;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.error.UnknownObjectException;
import spfs.graph.SpfsObject;
import spfs.storage.Repository;
import spfs.storage.fs.FsRepository;
import spfs.sync.SyncPolicy;
import spfs.sync.SyncReporter;
import spfs.sync.Syncer;

/**
 * A proxy whose primary is a repository on this file system and which repairs it
 * ({@code fallback:?primary=...&secondary[0]=origin}), as spfs's fallback proxy: an object found
 * only in a secondary is written into the primary as it is read, and a payload the primary lacks
 * is copied from the first secondary that has it (with its blob) before it is opened.
 */
public final class FallbackRepository extends ProxyRepository {
    private final FsRepository local;

    private FallbackRepository(FsRepository primary, List<Repository> secondaries, boolean includeSecondaryTags) {
        super(primary, secondaries, includeSecondaryTags);
        this.local = primary;
    }

    /** {@code primary} must be a file system repository: it is the one repaired. */
    public static FallbackRepository of(Repository primary, List<Repository> secondaries, boolean includeSecondaryTags) {
        if (!(primary instanceof FsRepository fs)) {
            throw SpfsException.badInput("invalid-address", "a fallback repository's primary must be a repository on "
                    + "this file system (file:), not " + primary.address());
        }
        return new FallbackRepository(fs, secondaries, includeSecondaryTags);
    }

    @Override
    public String address() {
        return super.address().replaceFirst("^proxy:", "fallback:");
    }

    @Override
    public SpfsObject readObject(Digest digest) {
        try {
            return local.readObject(digest);
        } catch (UnknownObjectException e) {
            SpfsObject found = firstAnswer(r -> r.readObject(digest));
            local.writeObject(found);
            return found;
        }
    }

    @Override
    public InputStream openPayload(Digest digest) {
        try {
            return local.openPayload(digest);
        } catch (UnknownObjectException e) {
            repairPayload(digest, e);
            return local.openPayload(digest);
        }
    }

    @Override
    public long payloadSize(Digest digest) {
        try {
            return local.payloadSize(digest);
        } catch (UnknownObjectException e) {
            repairPayload(digest, e);
            return local.payloadSize(digest);
        }
    }

    /** Copies the payload (and its blob) from the first secondary that has it. */
    private void repairPayload(Digest digest, UnknownObjectException missing) {
        for (Repository secondary : secondaries()) {
            if (!secondary.hasPayload(digest)) {
                continue;
            }
            try (Syncer sync = new Syncer(secondary, local, SyncPolicy.RESYNC_EVERYTHING, 1, SyncReporter.NONE)) {
                sync.syncDigest(digest);
                return;
            } catch (UnknownObjectException e) {
                // this secondary lost it meanwhile: try the next
            }
        }
        throw missing;
    }
}
