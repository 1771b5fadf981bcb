package spk.solver;

import java.util.List;
import spk.grammar.option.OptionMap;
import spk.solver.repository.PackageRepository;

/**
 * One solve: repositories in priority order, the requests, the options (host and {@code -o}),
 * whether packages may be built from source, and the recipes whose build environments this
 * solve is (nested) inside of, which may not be built again (SPK's loop guard).
 */
public record SolveRequest(List<PackageRepository> repositories, List<InitialRequest> requests, OptionMap options,
        boolean allowBuilds, java.util.Set<String> building) {
    public SolveRequest {
        repositories = List.copyOf(repositories);
        requests = List.copyOf(requests);
        building = java.util.Set.copyOf(building);
    }

    /** A solve that is not itself for a build environment. */
    public SolveRequest(List<PackageRepository> repositories, List<InitialRequest> requests, OptionMap options,
            boolean allowBuilds) {
        this(repositories, requests, options, allowBuilds, java.util.Set.of());
    }
}
