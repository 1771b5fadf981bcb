package spk.solver.backend;

import java.util.List;

/**
 * How a back end should make decisions, as SPK's package iterator does: while some package is
 * needed (one of its need literals holds) and has no candidate chosen, choose its best
 * candidate still open; decide everything else false. A guide changes speed, never answers.
 */
public record DecisionGuide(List<Guided> packages) {
    public DecisionGuide {
        packages = List.copyOf(packages);
    }

    /** One package: literals that make it needed, and its candidates best first. */
    public record Guided(int[] needs, int[] candidatesBestFirst) {}
}
