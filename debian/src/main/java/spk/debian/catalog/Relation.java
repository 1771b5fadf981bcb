package spk.debian.catalog;

import spk.debian.version.DebianVersion;

/**
 * One package named in a relation field: {@code name[:arch] [(op version)]}. {@code arch} is
 * the qualifier ({@code any}, {@code native}, an architecture) or null; {@code op} and
 * {@code version} are both null when unversioned.
 */
public record Relation(String name, String arch, Op op, DebianVersion version) {
    public boolean versioned() {
        return op != null;
    }

    /** True if a package version {@code v} meets this relation's version constraint (always, when unversioned). */
    public boolean accepts(DebianVersion v) {
        return op == null || op.holds(v, version);
    }

    @Override
    public String toString() {
        return name + (arch == null ? "" : ":" + arch) + (op == null ? "" : " (" + op.symbol() + " " + version + ")");
    }
}
