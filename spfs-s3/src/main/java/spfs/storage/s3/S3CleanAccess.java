package spfs.storage.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import spfs.encoding.Digest;
import spfs.storage.CleanAccess;
import spfs.storage.Repository;

/**
 * Clean's access to an s3:// repository: a clean lease (see {@link Leases}) keeps write sessions
 * away while it runs, sizes and ages come from the store, and its leftovers are uploads that
 * killed writers never completed and leases that killed holders never removed.
 */
final class S3CleanAccess implements CleanAccess {
    private final S3Repository repo;

    S3CleanAccess(S3Repository repo) {
        this.repo = repo;
    }

    @Override
    public Exclusion exclusive() {
        Leases.Lease lease = repo.leases().clean();
        repo.cleaning().set(lease);
        return () -> {
            repo.cleaning().set(null);
            lease.close();
        };
    }

    @Override
    public List<Repository> namespaceViews() {
        List<Repository> views = new ArrayList<>();
        views.add(repo.withNamespace(Optional.empty()));
        for (String ns : repo.tagStore().namespaces()) {
            views.add(repo.withNamespace(Optional.of(ns)));
        }
        return views;
    }

    @Override
    public Optional<Stored> object(Digest digest) {
        return repo.store().head(S3Layout.object(digest)).map(h -> new Stored(h.size(), h.modified()));
    }

    @Override
    public Optional<Stored> payload(Digest digest) {
        return repo.store().head(S3Layout.payload(digest)).map(h -> new Stored(h.size(), h.modified()));
    }

    @Override
    public Leftovers removeLeftovers(Set<Digest> attached, Instant cutoff, boolean dryRun) {
        long found = 0;
        for (ObjectStore.Unfinished u : repo.store().unfinishedUploads()) {
            if (u.initiated() != null && u.initiated().isBefore(cutoff)) {
                found++;
                if (!dryRun) {
                    requireLease();
                    repo.store().abort(u);
                }
            }
        }
        Leases.Lease own = repo.cleaning().get();
        if (own != null) {
            List<String> dead = repo.leases().dead(own);
            found += dead.size();
            if (!dryRun) {
                repo.store().deleteAll(dead);
            }
        }
        return new Leftovers(found, 0, 0, 0);
    }

    private void requireLease() {
        Leases.Lease own = repo.cleaning().get();
        if (own != null) {
            own.requireHeld();
        }
    }
}
