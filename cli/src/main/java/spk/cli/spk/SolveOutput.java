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
            time(out, result.stats(), result instanceof SolveResult.Solved ? "Solved" : "Failed");
        }
    }

    /** What SPK's {@code --time} prints: the total and the steps, then what the solve ran into most. */
    private static void time(PrintWriter out, SolveResult.Stats st, String outcome) {
        var p = st.profile();
        List<String> phases = new ArrayList<>();
        for (var c : p.calls()) {
            phases.add(c.phase().name().toLowerCase(java.util.Locale.ROOT) + " " + c.count() + " in " + c.millis() + " ms");
        }
        out.println(outcome + " in " + st.millis() + " ms with " + st.backend() + ": " + st.satCalls() + " SAT calls ("
                + String.join(", ", phases) + "), a walk of " + p.walkSteps() + " steps in " + p.walkMillis() + " ms, "
                + p.rounds() + " expansion rounds (" + p.expanded()
                + " builds expanded), " + st.packages() + " packages, " + st.variables() + " variables, " + st.clauses()
                + " clauses");
        if (!p.topReasons().isEmpty()) {
            out.println("Most frequent rejection reasons:");
            p.topReasons().forEach(c -> out.println("  " + c.count() + " × " + c.what()));
        }
        if (!p.topPackages().isEmpty()) {
            out.println("Packages most often named in rejections and conflicts:");
            p.topPackages().forEach(c -> out.println("  " + c.count() + " × " + c.what()));
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
