package spk.cli.spk.flags;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import spk.grammar.ident.RangeIdent;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.PreReleasePolicy;
import spk.grammar.request.Request;
import spk.solver.InitialRequest;
import spk.spec.SpecLoader;
import spk.spec.model.Recipe;
import spk.spec.model.RequirementsFile;
import spk.spec.variant.HostOptions;
import spk.spec.workspace.StageRequests;
import spk.spec.read.SpecReader;

/**
 * Turns command-line request arguments into solve requests: a request ident
 * ({@code python/3.7}), a YAML mapping ({@code '{pkg: python/3, include: IfAlreadyPresent}'}) or
 * a requests file ({@code v0/requirements}), or a stage of a recipe ({@code PKG@STAGE[?v=N]}: its
 * source package, build environment or exact version). Namespaced options ({@code -o
 * python.abi=cp37m}) attach to the request for their package, as in SPK.
 */
public final class RequestArgs {
    private RequestArgs() {}

    /** The requests, and any options that requests files add. */
    public record Parsed(List<InitialRequest> requests, OptionMap extraOptions) {}

    /** Where the recipe of a stage request comes from: the workspace, a file, or a repository. */
    @FunctionalInterface
    public interface Recipes {
        Recipe recipe(String pkg, OptionMap options);
    }

    public static Parsed parse(List<String> args, OptionMap options, boolean pre, SpecLoader loader, Recipes recipes) {
        List<InitialRequest> out = new ArrayList<>();
        OptionMap extra = OptionMap.EMPTY;
        for (String a : args) {
            if (StageRequests.isStageRequest(a)) {
                StageRequests.StageRequest stage = StageRequests.parse(a);
                for (Request r : StageRequests.of(recipes.recipe(stage.pkg(), options), stage, options, HostOptions.detect())) {
                    out.add(r instanceof PkgRequest p ? new InitialRequest(p, a, OptionMap.EMPTY) : InitialRequest.commandLine(r));
                }
            } else if (a.strip().startsWith("{")) {
                out.add(attach(SpecReader.commandLineRequest(a), options, pre));
            } else if ((a.endsWith(".yaml") || a.endsWith(".yml")) && Files.isRegularFile(Path.of(a))) {
                var spec = loader.load(Path.of(a), options).spec();
                if (!(spec instanceof RequirementsFile f)) {
                    throw new spk.spec.problem.SpecException(new spk.spec.problem.Problem(
                            spk.spec.problem.Problem.Severity.ERROR, spk.spec.problem.Location.file(a), "",
                            "expected a requests file (api: v0/requirements)"));
                }
                for (Request r : f.requirements()) {
                    out.add(attach(r, options, pre));
                }
                extra = extra.with(f.options());
            } else {
                out.add(attach(PkgRequest.of(RangeIdent.parse(a)), options, pre));
            }
        }
        return new Parsed(out, extra);
    }

    private static InitialRequest attach(Request r, OptionMap options, boolean pre) {
        if (!(r instanceof PkgRequest p)) {
            return InitialRequest.commandLine(r);
        }
        if (pre && p.prereleasePolicy().isEmpty()) {
            p = p.withPrereleasePolicy(PreReleasePolicy.INCLUDE_ALL);
        }
        Map<String, String> mine = new TreeMap<>();
        String prefix = p.pkg().name().value() + ".";
        for (Map.Entry<String, String> e : options.entries().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                mine.put(e.getKey(), e.getValue());
            }
        }
        return new InitialRequest(p, "the command line", OptionMap.of(mine));
    }
}
