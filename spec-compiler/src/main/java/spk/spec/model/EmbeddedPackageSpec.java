package spk.spec.model;

import java.util.List;
import spk.grammar.ident.BuildIdent;
import spk.grammar.compat.Compat;
import spk.grammar.request.Request;

/**
 * A package shipped inside another ({@code install.embedded}): a nearly complete spec whose
 * build is always {@code embedded} and whose build section holds options only.
 */
public record EmbeddedPackageSpec(BuildIdent pkg, Meta meta, Compat compat, List<Opt> options,
        List<Request> requirements, List<ComponentSpec> components) {
    public EmbeddedPackageSpec {
        options = List.copyOf(options);
        requirements = List.copyOf(requirements);
        components = List.copyOf(components);
    }
}
