package spk.debian.encode;

import java.util.Arrays;
import java.util.List;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.catalog.MultiArch;
import spk.debian.catalog.Relation;

/**
 * Which packages a relation names, on a system of one native architecture, with the meaning
 * dose-distcheck gives it (so that both tools agree package for package):
 *
 * <ul>
 *   <li>{@code foo}, {@code foo:native}, {@code foo:<native arch>}: a package named foo whose
 *       version satisfies the constraint, or a provider of foo (any provider when unversioned;
 *       when versioned, only a versioned provide {@code foo (= v)} with v satisfying it);
 *   <li>{@code foo:any}: a package named foo of <em>any</em> version (dose treats every package
 *       as providing its own name unversioned, which satisfies any constraint), or a provider of
 *       foo that is {@code Multi-Arch: allowed}, as above;
 *   <li>{@code foo:<other arch>}: nothing (no foreign architecture is configured).
 * </ul>
 *
 * Conflicts name the same packages, less the package itself. A {@code Multi-Arch: same}
 * package is treated as dose does: a conflict with a name it is or provides (a "self
 * conflict") stands for every package of every other name that is or provides it, and a
 * versioned conflict with a name no package has is dropped.
 */
public final class RelationTargets {
    private final DebCatalog catalog;

    public RelationTargets(DebCatalog catalog) {
        this.catalog = catalog;
    }

    private enum Scope { LOCAL, ANY, NONE }

    private Scope scope(Relation r) {
        String a = r.arch();
        if (a == null || a.equals("native") || a.equals(catalog.nativeArch())) {
            return Scope.LOCAL;
        }
        return a.equals("any") ? Scope.ANY : Scope.NONE;
    }

    /** The packages satisfying {@code r}: those of its name first (newest first), then providers in catalog order. */
    public int[] satisfiers(Relation r) {
        return Arrays.copyOf(buffer, add(r, 0));
    }

    /** Stamps for {@link #bestFirst}: a package is already listed when its stamp is the current one. */
    private int[] listed = new int[0];
    private int stamp;

    /**
     * The packages satisfying a dependency in the order an installer tries them: the
     * alternatives as written, each as {@link #satisfiers} orders them, without repeats.
     */
    public int[] bestFirst(List<Relation> alternatives) {
        if (listed.length < catalog.size()) {
            listed = new int[catalog.size()];
        }
        if (++stamp == 0) {
            Arrays.fill(listed, 0);
            stamp = 1;
        }
        int n = 0;
        for (Relation r : alternatives) {
            int from = n;
            n = add(r, n);
            int m = from;
            for (int i = from; i < n; i++) {
                int id = buffer[i];
                if (listed[id] != stamp) {
                    listed[id] = stamp;
                    buffer[m++] = id;
                }
            }
            n = m;
        }
        return Arrays.copyOf(buffer, n);
    }

    /** Appends the packages satisfying {@code r} to {@link #buffer} from {@code n} on; returns the new size. */
    private int add(Relation r, int n) {
        Scope scope = scope(r);
        if (scope == Scope.NONE) {
            return n;
        }
        for (int id : catalog.named(r.name())) {
            DebPackage p = catalog.get(id);
            if (catalog.isNative(p) && (scope == Scope.ANY || r.accepts(p.version()))) {
                n = put(n, id);
            }
        }
        for (DebCatalog.Provider pr : catalog.providers(r.name())) {
            DebPackage p = catalog.get(pr.pkg());
            if (!catalog.isNative(p) || (scope == Scope.ANY && p.multiArch() != MultiArch.ALLOWED)) {
                continue;
            }
            if (!r.versioned() || (pr.version() != null && r.accepts(pr.version()))) {
                n = put(n, pr.pkg());
            }
        }
        return n;
    }

    /** Scratch space for the lists being built (one instance serves one thread). */
    private int[] buffer = new int[64];

    private int put(int n, int id) {
        if (n == buffer.length) {
            buffer = Arrays.copyOf(buffer, n * 2);
        }
        buffer[n] = id;
        return n + 1;
    }

    /** The packages satisfying any alternative of a dependency, sorted, without repeats. */
    public int[] dependencyTargets(List<Relation> alternatives) {
        int n = 0;
        for (Relation r : alternatives) {
            n = add(r, n);
        }
        return distinct(buffer, n, -1);
    }

    /** The packages {@code p} may not be installed with because of its conflict {@code r}, sorted, without {@code p}. */
    public int[] conflictTargets(DebPackage p, Relation r) {
        if (p.multiArch() != MultiArch.SAME) {
            return distinct(buffer, add(r, 0), p.id());
        }
        boolean self = r.versioned() ? r.name().equals(p.name())
                : r.name().equals(p.name()) || p.provides().stream().anyMatch(q -> q.name().equals(r.name()));
        if (!self) {
            if (r.versioned() && !catalog.isReal(r.name())) {
                return new int[0];
            }
            return distinct(buffer, add(r, 0), p.id());
        }
        if (scope(r) == Scope.NONE) {
            return new int[0];
        }
        // every package of every other name that is or provides r.name(), whatever its version
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (catalog.isReal(r.name())) {
            names.add(r.name());
        }
        for (DebCatalog.Provider pr : catalog.providers(r.name())) {
            names.add(catalog.get(pr.pkg()).name());
        }
        names.remove(p.name());
        int n = 0;
        for (String name : names) {
            for (int id : catalog.named(name)) {
                if (catalog.isNative(catalog.get(id))) {
                    n = put(n, id);
                }
            }
        }
        return distinct(buffer, n, p.id());
    }

    private static int[] distinct(int[] a, int n, int except) {
        int[] s = Arrays.copyOf(a, n);
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (s[i] != except && (m == 0 || s[m - 1] != s[i])) {
                s[m++] = s[i];
            }
        }
        return m == n ? s : Arrays.copyOf(s, m);
    }
}
