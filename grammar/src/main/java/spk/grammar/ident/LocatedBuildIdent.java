package spk.grammar.ident;

import spk.grammar.name.RepositoryName;

/** A build together with the repository it was found in, {@code repo/name/version/build}. */
public record LocatedBuildIdent(RepositoryName repository, BuildIdent ident) {
    @Override
    public String toString() {
        return repository + "/" + ident;
    }
}
