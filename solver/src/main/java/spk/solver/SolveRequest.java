package spk.solver;

import java.util.List;
import spk.grammar.option.OptionMap;
import spk.solver.repository.PackageRepository;

/**
 * One solve: repositories in priority order, the requests, the options (host and {@code -o}),
 * and whether packages may be built from source.
 */
public record SolveRequest(List<PackageRepository> repositories, List<InitialRequest> requests, OptionMap options,
        boolean allowBuilds) {
    public SolveRequest {
        repositories = List.copyOf(repositories);
        requests = List.copyOf(requests);
    }
}
