package spk.cli.spk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spk.grammar.ident.Component;
import spk.solver.ResolvedPackage;
import spk.solver.SolveResult;
import spk.solver.Source;

/** Prints a solve as text (decisions, then the solution or the explanation) or as JSON. */
final class SolveOutput {
    private SolveOutput() {}

    static void text(PrintWriter out, SolveResult result, int verbosity, boolean showTime) {
        for (String line : result.log().lines(verbosity)) {
            out.println(line);
        }
        if (result instanceof SolveResult.Solved s) {
            out.println("Installed Packages:");
            for (ResolvedPackage p : s.solution().packages()) {
                out.println("  " + p.spec().pkg() + spk.grammar.ident.Components.suffix(p.components()) + "  ("
                        + p.source() + ")");
            }
            out.println("Number of Packages: " + s.solution().packages().size());
        } else {
            SolveResult.Unsatisfiable u = (SolveResult.Unsatisfiable) result;
            out.println("Failed to resolve: " + u.explanation().render());
            // only a hint that holds: more verbosity must show more
            if (result.log().lines(verbosity + 2).size() > result.log().lines(verbosity).size()) {
                out.println("(run again with -v or -vv to see more of the decisions)");
            }
        }
        if (showTime) {
            SolveResult.Stats st = result.stats();
            out.println("Solved in " + st.millis() + " ms with " + st.backend() + ": " + st.satCalls() + " SAT calls, "
                    + st.packages() + " packages, " + st.variables() + " variables, " + st.clauses() + " clauses");
        }
    }

    static void json(PrintWriter out, SolveResult result) throws JsonProcessingException {
        Map<String, Object> m = new LinkedHashMap<>();
        if (result instanceof SolveResult.Solved s) {
            m.put("status", "solved");
            List<Object> solution = new ArrayList<>();
            for (ResolvedPackage p : s.solution().packages()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("pkg", p.spec().pkg().toString());
                pm.put("components", p.components().stream().map(Component::name).toList());
                pm.put("source", p.source() instanceof Source.Repository r ? r.name() : p.source().toString());
                solution.add(pm);
            }
            m.put("solution", solution);
            m.put("options", new LinkedHashMap<>(s.solution().options().entries()));
        } else {
            m.put("status", "unsatisfiable");
            m.put("solution", List.of());
            m.put("options", Map.of());
            m.put("explanation", ((SolveResult.Unsatisfiable) result).explanation().render());
        }
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m));
    }
}
