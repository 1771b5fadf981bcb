package spk.storage.upkeep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;
import spk.solver.repository.PackageRepository;
import spk.spec.model.PackageSpec;

/**
 * SPK's {@code spk search TERM}: the versions of every package whose name contains the term, in
 * each repository. A version all of whose builds are deprecated is deprecated itself, and shown
 * only when asked for.
 */
public final class PackageSearch {
    private PackageSearch() {}

    /** One version found. */
    public record Hit(String repository, VersionIdent version, boolean deprecated) {}

    public static List<Hit> search(List<PackageRepository> repositories, String term, boolean withDeprecated,
            HostFilter filter) {
        String needle = term.toLowerCase(Locale.ROOT);
        List<Hit> out = new ArrayList<>();
        for (PackageRepository repo : repositories) {
            for (PkgName name : repo.packageNames()) {
                if (!name.value().contains(needle)) {
                    continue;
                }
                for (Version v : repo.versions(name).stream().sorted().toList()) {
                    List<PackageSpec> builds = repo.builds(name, v);
                    boolean deprecated = !builds.isEmpty() && builds.stream().allMatch(PackageSpec::deprecated);
                    if (deprecated && !withDeprecated) {
                        continue;
                    }
                    if (filter.host().isPresent() && builds.stream().noneMatch(filter::fits)) {
                        continue;
                    }
                    out.add(new Hit(repo.name(), new VersionIdent(name, v), deprecated));
                }
            }
        }
        return out;
    }
}
