package spk.debian.catalog;

import java.util.List;
import spk.debian.version.DebianVersion;

/**
 * One binary package of a catalog, with the relations that decide installability. {@code id}
 * is its index in the catalog; {@code depends} holds Pre-Depends then Depends, each entry a
 * disjunction; {@code conflicts} holds Conflicts then, from {@code breaksFrom} on, Breaks (both forbid
 * co-installation);
 * {@code raw} keeps the fields' text as written, for checks made independently of this parse.
 */
public record DebPackage(int id, String name, DebianVersion version, String architecture, MultiArch multiArch,
        boolean essential, List<List<Relation>> depends, List<Relation> conflicts, int breaksFrom,
        List<Relation> provides, RawFields raw) {

    /** The relation fields as written in the Packages file (empty when absent). */
    public record RawFields(String preDepends, String depends, String conflicts, String breaks, String provides) {}

    /** The field a conflict relation came from: {@code Conflicts} or {@code Breaks}. */
    public String conflictField(int index) {
        return index < breaksFrom ? "conflicts with" : "breaks";
    }

    /** {@code name version (arch)}, the way reports name a package. */
    public String display() {
        return name + " " + version + " (" + architecture + ")";
    }

    @Override
    public String toString() {
        return name + "/" + version + "/" + architecture;
    }
}
