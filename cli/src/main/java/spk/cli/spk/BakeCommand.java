package spk.cli.spk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.encoding.Digest;
import spk.builder.SolutionLayers;
import spk.cli.app.GlobalOptions;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.grammar.ident.Component;
import spk.solver.SolveResult;
import spk.spec.write.SpecWriter;
import spk.storage.runtime.RuntimeEnvironment;

/**
 * {@code spk bake [REQUEST...]}: the spfs layers an environment is made of, top first: of a solve
 * of the requests, or (without requests) of the current runtime, as SPK bakes them. {@code -f}
 * chooses layer digests, package builds, or every detail as YAML or JSON.
 */
@Command(name = "bake", description = "Print the layers of a solve of the requests, or of the current environment.")
public final class BakeCommand implements Callable<Integer> {
    /** Output formats, as SPK names them. */
    public enum Format { layers, builds, yaml, json }

    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Option(names = {"-f", "--format"}, paramLabel = "layers|builds|yaml|json",
            description = "layers: one digest a line (default); builds: one package build a line; yaml, json: all of it.")
    Format format = Format.layers;

    @Parameters(paramLabel = "REQUEST", arity = "0..*", description = "Requests to solve (default: the current environment).")
    List<String> requests = List.of();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        List<Map<String, Object>> layers;
        if (requests.isEmpty()) {
            layers = current();
        } else {
            SolveResult result = ExplainCommand.run(spec, options, solver, requests, solver.pre());
            if (!(result instanceof SolveResult.Solved solved)) {
                SolveOutput.text(spec.commandLine().getOut(), result, GlobalOptions.of(spec).verbosity(), solver.time());
                spec.commandLine().getOut().flush();
                return 1;
            }
            layers = new ArrayList<>();
            List<SolutionLayers.PackageLayer> listed = new ArrayList<>(SolutionLayers.listed(solved.solution(), solver.repositories()));
            java.util.Collections.reverse(listed);
            for (SolutionLayers.PackageLayer l : listed) {
                layers.add(layer(l.layer(), l.pkg().spec().pkg().toString(), List.of(l.component()), l.pkg().requestedBy(),
                        l.repository().name()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case layers -> layers.forEach(l -> out.println(l.get("spfs_layer")));
            case builds -> layers.forEach(l -> out.println(l.get("spk_package")));
            case yaml -> out.print(layers.isEmpty() ? "[]\n" : SpecWriter.dump(layers));
            case json -> out.println(new ObjectMapper().writeValueAsString(layers));
        }
        out.flush();
        return 0;
    }

    /** The current runtime's layers, top first; a layer of no package is shown without one. */
    private List<Map<String, Object>> current() {
        CurrentEnvironment.Current c = CurrentEnvironment.read(spec);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Digest d : c.environment().layersTopDown()) {
            var pkg = c.environment().packageOf(d);
            out.add(layer(d, pkg.map(p -> p.spec().pkg().toString()).orElse(""),
                    pkg.map(p -> List.copyOf(RuntimeEnvironment.componentsIn(p, d).keySet())).orElse(List.of()),
                    "current environment", c.runtime().runtime().name()));
        }
        return out;
    }

    private static Map<String, Object> layer(Digest d, String pkg, List<Component> components, String requester, String repo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spfs_layer", d.toString());
        m.put("spk_package", pkg);
        m.put("spk_components", components.stream().map(Component::toString).toList());
        if (!requester.isEmpty()) {
            m.put("spk_requester", requester);
        }
        m.put("spfs_repo_name", repo);
        return m;
    }
}
