package spk.solver.compile;

import java.util.ArrayList;
import java.util.List;
import spk.constraint.PackageVars;
import spk.grammar.name.PkgName;
import spk.grammar.version.Version;

/** One package name in an encoding: its candidates, the requests on it, how many of its versions were read. */
final class PackageState {
    final PkgName name;
    final PackageVars vars;
    final List<CandidateInfo> candidates = new ArrayList<>();
    /** Every package request on the package, in the order they were made. */
    final List<RequestInfo> requests = new ArrayList<>();
    /** The distinct requests among them, in the order they first appeared. */
    final List<SharedRequest> shared = new ArrayList<>();
    final java.util.Map<String, SharedRequest> sharedByKey = new java.util.HashMap<>();
    boolean expanded;
    /** No candidate can be added any more (all versions read, nothing embeds the package). */
    boolean closed;
    boolean embeddable;
    List<Version> versionsNewestFirst = List.of();
    int versionsCreated;
    private List<CandidateInfo> sorted;
    spk.solver.backend.DecisionGuide.Guided guided;

    /** The candidates best first (cached until a candidate is added). */
    List<CandidateInfo> sorted() {
        if (sorted == null) {
            sorted = new ArrayList<>(candidates);
            sorted.sort((a, b) -> a.rank.compareTo(b.rank));
        }
        return sorted;
    }

    void changed() {
        sorted = null;
        guided = null;
    }

    /** A request was added: the candidates' order stands, the guide's view does not. */
    void requestsChanged() {
        guided = null;
    }

    PackageState(PkgName name, PackageVars vars) {
        this.name = name;
        this.vars = vars;
    }
}
