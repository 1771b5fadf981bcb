package spk.builder;

import java.util.LinkedHashMap;
import java.util.Map;
import spk.grammar.ident.BuildIdent;
import spk.solver.ResolvedPackage;
import spk.solver.Solution;

/**
 * The variables SPK gives scripts about the packages of their environment:
 * {@code SPK_PKG_<name>} (the build), {@code ..._VERSION}, {@code ..._BUILD},
 * {@code ..._VERSION_MAJOR/MINOR/PATCH/BASE}, and {@code SPK_ACTIVE_PREFIX}.
 */
public final class SolutionEnvironment {
    private SolutionEnvironment() {}

    public static Map<String, String> of(Solution solution) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("SPK_ACTIVE_PREFIX", "/spfs");
        for (ResolvedPackage p : solution.packages()) {
            BuildIdent id = p.spec().pkg();
            String base = "SPK_PKG_" + id.name().value().replace('-', '_');
            out.put(base, id.toString());
            out.put(base + "_VERSION", id.version().toString());
            out.put(base + "_BUILD", id.build().toString());
            out.put(base + "_VERSION_MAJOR", Integer.toUnsignedString(id.version().major()));
            out.put(base + "_VERSION_MINOR", Integer.toUnsignedString(id.version().minor()));
            out.put(base + "_VERSION_PATCH", Integer.toUnsignedString(id.version().patch()));
            out.put(base + "_VERSION_BASE", id.version().base().toString());
        }
        return out;
    }
}
