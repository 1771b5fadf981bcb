package spk.solver;

import java.util.List;

/**
 * Why a solve failed: a minimal set of requests and requirements that cannot all hold (each
 * is needed for the conflict), and, per package involved, the builds considered with the
 * reason each was rejected.
 */
public record Explanation(List<String> conflict, List<PackageStory> packages) {
    public Explanation {
        conflict = List.copyOf(conflict);
        packages = List.copyOf(packages);
    }

    /** One package of the conflict: how it was requested and why its builds did not fit. */
    public record PackageStory(String name, List<String> requests, List<String> rejected) {
        public PackageStory {
            requests = List.copyOf(requests);
            rejected = List.copyOf(rejected);
        }
    }

    /** The story as text. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("there is no solution for these requests using the available packages.\n");
        sb.append("These cannot all hold:\n");
        for (String c : conflict) {
            sb.append("  - ").append(c).append('\n');
        }
        for (PackageStory p : packages) {
            sb.append("Package ").append(p.name()).append(":\n");
            for (String r : p.requests()) {
                sb.append("  requested: ").append(r).append('\n');
            }
            for (String r : p.rejected()) {
                sb.append("  ").append(r).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }
}
