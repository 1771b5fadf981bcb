package spk.grammar.ident;

import spk.grammar.build.Build;
import spk.grammar.name.PkgName;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.version.Version;

/** One build of a package version, {@code name/version/build}. */
public record BuildIdent(PkgName name, Version version, Build build) {
    /** Parses {@code name/version/build}; the build is required. */
    public static BuildIdent parse(String text) {
        return SpkSyntax.buildIdent(text);
    }

    public VersionIdent versionIdent() {
        return new VersionIdent(name, version);
    }

    /** Display form: {@code name/1.2.0/ABCDEFGH}. */
    @Override
    public String toString() {
        return name + "/" + version + "/" + build;
    }

    /** Serialised form keeping the version as written: {@code name/1.2/ABCDEFGH}. */
    public String toSerialized() {
        return name + "/" + version.toSerialized() + "/" + build;
    }
}
