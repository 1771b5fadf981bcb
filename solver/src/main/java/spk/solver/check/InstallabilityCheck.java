package spk.solver.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spk.grammar.build.Build;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.PreReleasePolicy;
import spk.grammar.version.Version;
import spk.solver.Explanation;
import spk.solver.InitialRequest;
import spk.solver.ResolvedPackage;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.solver.Source;
import spk.solver.repository.PackageRepository;

/**
 * Can each published build of some repositories be installed, alone, with the given options?
 * Each build is asked for exactly ({@code name/=version/build}, pre-releases allowed) in a solve
 * of its own; a build that cannot be installed gets the same explanation {@code spk explain}
 * would print.
 *
 * <p>Every solution found also certifies each build in it that came from a repository: that
 * same set of builds satisfies every constraint a request for one of them brings, since the
 * requirements in force are those of the builds chosen, with the same options. So builds deep
 * in dependency chains are rarely solved for on their own. Source builds ({@code /src}) are
 * recipes' sources, not installable packages, and are not checked.
 */
public final class InstallabilityCheck {
    private final Solver solver;
    private final List<PackageRepository> repositories;
    private final OptionMap options;

    /** The verdict for one build; {@code problem} is present when it cannot be installed. */
    public record Checked(BuildIdent build, String repository, Optional<Explanation> problem, boolean solvedAlone) {
        public boolean installable() {
            return problem.isEmpty();
        }
    }

    /** Every build checked, in repository, name and version order, and how many solves it took. */
    public record Report(List<Checked> builds, int solves) {
        public Report {
            builds = List.copyOf(builds);
        }

        public List<Checked> broken() {
            return builds.stream().filter(c -> !c.installable()).toList();
        }
    }

    public InstallabilityCheck(Solver solver, List<PackageRepository> repositories, OptionMap options) {
        this.solver = solver;
        this.repositories = List.copyOf(repositories);
        this.options = options;
    }

    /** Checks every build the filters select (every build when there are none). */
    public Report run(List<BuildFilter> filters) {
        Map<String, Checked> done = new LinkedHashMap<>();
        List<Target> targets = targets(filters);
        Set<String> certified = new HashSet<>();
        int solves = 0;
        for (Target t : targets) {
            String key = key(t.repository(), t.build());
            if (certified.contains(key)) {
                done.put(key, new Checked(t.build(), t.repository(), Optional.empty(), false));
                continue;
            }
            solves++;
            SolveResult result = solver.solve(new SolveRequest(repositories, List.of(request(t.build())), options, false));
            if (result instanceof SolveResult.Solved s) {
                for (ResolvedPackage p : s.solution().packages()) {
                    if (p.source() instanceof Source.Repository r) {
                        certified.add(key(r.name(), p.spec().pkg()));
                    }
                }
                done.put(key, new Checked(t.build(), t.repository(), Optional.empty(), true));
            } else {
                done.put(key, new Checked(t.build(), t.repository(),
                        Optional.of(((SolveResult.Unsatisfiable) result).explanation()), true));
            }
        }
        return new Report(new ArrayList<>(done.values()), solves);
    }

    private record Target(String repository, BuildIdent build) {}

    private List<Target> targets(List<BuildFilter> filters) {
        List<Target> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (PackageRepository repo : repositories) {
            List<PkgName> names = new ArrayList<>(repo.packageNames());
            names.sort(java.util.Comparator.comparing(PkgName::value));
            for (PkgName name : names) {
                List<Version> versions = new ArrayList<>(repo.versions(name));
                versions.sort(java.util.Comparator.reverseOrder());
                for (Version v : versions) {
                    for (var spec : repo.builds(name, v)) {
                        BuildIdent b = spec.pkg();
                        if (b.build() instanceof Build.Source || !selected(filters, b)
                                || !seen.add(key(repo.name(), b))) {
                            continue;
                        }
                        out.add(new Target(repo.name(), b));
                    }
                }
            }
        }
        return out;
    }

    private static boolean selected(List<BuildFilter> filters, BuildIdent b) {
        return filters.isEmpty() || filters.stream().anyMatch(f -> f.matches(b));
    }

    private static String key(String repository, BuildIdent b) {
        return repository + " " + b.toSerialized();
    }

    /** Exactly this build, pre-release or not. */
    private static InitialRequest request(BuildIdent b) {
        PkgRequest r = PkgRequest.of(RangeIdent.parse(b.name() + "/=" + b.version().toSerialized() + "/" + b.build()))
                .withPrereleasePolicy(PreReleasePolicy.INCLUDE_ALL);
        return new InitialRequest(r, "the installability check", OptionMap.EMPTY);
    }
}
