package spk.grammar.ident;

import java.util.Optional;
import spk.grammar.build.Build;
import spk.grammar.name.PkgName;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.version.Version;

/**
 * An ident whose version and build may be missing: {@code name}, {@code name/version} or
 * {@code name/version/build}. A missing version is {@link Version#ZERO}.
 */
public record AnyIdent(PkgName name, Version version, Optional<Build> build) {
    public static AnyIdent parse(String text) {
        return SpkSyntax.anyIdent(text);
    }

    public VersionIdent versionIdent() {
        return new VersionIdent(name, version);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name.value());
        if (version.partCount() > 0 || build.isPresent()) {
            sb.append('/').append(version);
        }
        build.ifPresent(b -> sb.append('/').append(b));
        return sb.toString();
    }
}
