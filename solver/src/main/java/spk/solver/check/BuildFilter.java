package spk.solver.check;

import spk.grammar.ident.BuildIdent;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;

/**
 * Which builds to check: {@code name}, {@code name/version} or {@code name/version/build}
 * (the version compared as a version, so {@code 1.0} matches {@code 1.0.0}).
 */
public record BuildFilter(PkgName name, Version version, String build) {
    /** Parses a command-line argument; a malformed name or version is an error naming it. */
    public static BuildFilter parse(String text) {
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 3 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("expected name, name/version or name/version/build: '" + text + "'");
        }
        PkgName name = PkgName.parse(parts[0]);
        Version version = parts.length > 1 ? Version.parse(parts[1]) : null;
        String build = parts.length > 2 ? parts[2] : null;
        return new BuildFilter(name, version, build);
    }

    public boolean matches(BuildIdent b) {
        return b.name().equals(name) && (version == null || b.version().compareTo(version) == 0)
                && (build == null || b.build().toString().equals(build));
    }
}
