package spk.grammar.ident;

import spk.grammar.build.Build;
import spk.grammar.name.PkgName;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.version.Version;

/** A package version, {@code name/version}. */
public record VersionIdent(PkgName name, Version version) {
    public static VersionIdent parse(String text) {
        AnyIdent any = SpkSyntax.anyIdent(text);
        if (any.build().isPresent()) {
            throw new spk.grammar.InvalidSyntaxException("version ident", text, 0, "must not have a build");
        }
        return any.versionIdent();
    }

    public BuildIdent withBuild(Build build) {
        return new BuildIdent(name, version, build);
    }

    @Override
    public String toString() {
        return name + "/" + version;
    }
}
