package spk.grammar.ident;

import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import spk.grammar.build.Build;
import spk.grammar.compat.Compatibility;
import spk.grammar.name.PkgName;
import spk.grammar.name.RepositoryName;
import spk.grammar.parse.SpkSyntax;
import spk.grammar.range.VersionFilter;
import spk.grammar.range.VersionRange;

/**
 * What a package request asks for: {@code [repo/]name[:comp|:{a,b}][/range[/build]]}, e.g.
 * {@code python:{bin,lib}/>=3.7,<3.10} or {@code origin/my-tool/1.2.0/STLY6HNC}.
 */
public record RangeIdent(Optional<RepositoryName> repository, PkgName name, SortedSet<Component> components,
        VersionFilter version, Optional<Build> build) {
    /** The repository names recognised as a prefix without further checks. */
    public static final Set<String> DEFAULT_KNOWN_REPOSITORIES = Set.of("local");

    public RangeIdent {
        components = Components.sorted(components);
    }

    /** A request for any version of {@code name}. */
    public static RangeIdent of(PkgName name) {
        return new RangeIdent(Optional.empty(), name, new TreeSet<>(), VersionFilter.ANY, Optional.empty());
    }

    /** Parses a request ident, recognising {@code local} as a repository prefix. */
    public static RangeIdent parse(String text) {
        return parse(text, DEFAULT_KNOWN_REPOSITORIES);
    }

    /**
     * Parses a request ident. A leading {@code repo/} is taken as a repository when the name is
     * one of {@code knownRepositories} followed by a bare package name, or when what follows it
     * starts with a package name and could not be a version range (so {@code origin/python/3.7}
     * names a repository and {@code python/3.7} does not).
     */
    public static RangeIdent parse(String text, Set<String> knownRepositories) {
        return SpkSyntax.rangeIdent(text, knownRepositories);
    }

    public RangeIdent withVersion(VersionFilter v) {
        return new RangeIdent(repository, name, components, v, build);
    }

    public RangeIdent withComponents(Set<Component> c) {
        return new RangeIdent(repository, name, new TreeSet<>(c), version, build);
    }

    public RangeIdent withRepository(Optional<RepositoryName> repo) {
        return new RangeIdent(repo, name, components, version, build);
    }

    public RangeIdent withBuild(Optional<Build> b) {
        return new RangeIdent(repository, name, components, version, b);
    }

    /**
     * Merges two idents for the same package: repositories must agree, version filters must
     * intersect (unless {@code allowConflicts}), components are unioned and builds must be equal
     * or one unset. Returns the merged ident, or the reason it cannot be.
     */
    public Merge restrict(RangeIdent other, boolean allowConflicts) {
        if (!name.equals(other.name)) {
            return new Merge(null, Compatibility.incompatible("different packages: " + name + " and " + other.name));
        }
        Optional<RepositoryName> repo = repository;
        if (repository.isPresent() && other.repository.isPresent() && !repository.equals(other.repository)) {
            return new Merge(null, Compatibility.incompatible(String.format(
                    "%s is requested from repository %s and from %s", name, repository.get(), other.repository.get())));
        } else if (repository.isEmpty()) {
            repo = other.repository;
        }
        VersionFilter merged;
        if (allowConflicts) {
            merged = version.restrictAllowingConflicts(other.version);
        } else {
            Optional<VersionFilter> m = version.restrictIfIntersecting(other.version);
            if (m.isEmpty()) {
                return new Merge(null, Compatibility.incompatible(String.format(
                        "%s: version ranges %s and %s do not intersect", name, describe(version), describe(other.version))));
            }
            merged = m.get();
        }
        SortedSet<Component> comps = new TreeSet<>(components);
        comps.addAll(other.components);
        Optional<Build> b = build;
        if (other.build.isPresent()) {
            if (build.isPresent() && !build.equals(other.build)) {
                return new Merge(null, Compatibility.incompatible(String.format(
                        "%s: builds %s and %s differ", name, build.get(), other.build.get())));
            }
            b = other.build;
        }
        return new Merge(new RangeIdent(repo, name, comps, merged, b), Compatibility.COMPATIBLE);
    }

    private static String describe(VersionRange r) {
        String s = r.toString();
        return s.isEmpty() ? "*" : s;
    }

    /** The outcome of {@link #restrict}: the merged ident when compatible. */
    public record Merge(RangeIdent ident, Compatibility outcome) {
        public boolean isOk() {
            return outcome.isOk();
        }
    }

    @Override
    public String toString() {
        return format(version.toString());
    }

    /** As a spec stores it: the version range as written ({@link VersionRange#toSerialized()}). */
    public String toSerialized() {
        return format(version.toSerialized());
    }

    private String format(String v) {
        StringBuilder sb = new StringBuilder();
        repository.ifPresent(r -> sb.append(r).append('/'));
        sb.append(name).append(Components.suffix(components));
        if (!v.isEmpty()) {
            sb.append('/').append(v);
        }
        build.ifPresent(b -> sb.append('/').append(b));
        return sb.toString();
    }
}
