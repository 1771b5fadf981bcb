package spk.cli.spk;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.config.ConfigLoader;
import spfs.encoding.Digest;
import spfs.storage.Repositories;
import spk.builder.SolutionLayers;
import spk.cli.app.GlobalOptions;
import spk.cli.spk.flags.OptionFlags;
import spk.cli.spk.flags.SolverFlags;
import spk.grammar.ident.Components;
import spk.grammar.name.PkgName;
import spk.grammar.request.PkgRequest;
import spk.solver.ResolvedPackage;
import spk.solver.SolveResult;
import spk.storage.runtime.RuntimeEnvironment;

/**
 * {@code spk install REQUEST...}: adds packages to the current runtime, as SPK does: the current
 * environment's packages are requested again exactly, with the new requests, and the runtime's
 * stack becomes the new solution's layers (its own changes to /spfs stay). Shows what will be
 * added and asks first, unless {@code -y}.
 */
@Command(name = "install", description = "Install packages into the current environment.")
public final class InstallCommand implements Callable<Integer> {
    @Mixin
    OptionFlags options;

    @Mixin
    SolverFlags solver;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    boolean yes;

    @Parameters(paramLabel = "REQUEST", arity = "1..*", description = "The packages to add, as requests for spk env.")
    List<String> requests;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CurrentEnvironment.Current current = CurrentEnvironment.read(spec);
        List<String> all = new ArrayList<>();
        current.environment().packages().forEach(p -> all.add(RuntimeEnvironment.pinned(p)));
        all.addAll(requests);
        SolveResult result = ExplainCommand.run(spec, options, solver, all, solver.pre());
        PrintWriter out = spec.commandLine().getOut();
        if (!(result instanceof SolveResult.Solved solved)) {
            SolveOutput.text(out, result, GlobalOptions.of(spec).verbosity(), solver.time());
            out.flush();
            return 1;
        }
        Set<String> installed = current.environment().packages().stream().map(p -> p.spec().pkg().toString())
                .collect(Collectors.toSet());
        Set<PkgName> requested = requests.stream().flatMap(r -> requestedName(r).stream()).collect(Collectors.toSet());
        List<ResolvedPackage> added = solved.solution().packages().stream()
                .filter(p -> !installed.contains(p.spec().pkg().toString())).toList();
        if (added.isEmpty()) {
            out.println("Nothing to install: the current environment already has " + String.join(", ", requests));
            out.flush();
            return 0;
        }
        out.println("The following packages will be installed:");
        printGroup(out, "Requested:", added.stream().filter(p -> requested.contains(p.spec().pkg().name())).toList());
        printGroup(out, "Dependencies:", added.stream().filter(p -> !requested.contains(p.spec().pkg().name())).toList());
        if (!yes && !new Confirmation(out).ask("Do you want to continue? [y/N]: ")) {
            out.println("Installation canceled: the environment is as it was.");
            out.flush();
            return 1;
        }
        List<Digest> stack = SolutionLayers.of(solved.solution(), solver.repositories(),
                new Repositories(ConfigLoader.load(SpkCommand.environment(spec))).local());
        current.runtime().active().get().replaceStack(current.runtime().runtime(), stack);
        out.println("installed " + added.size() + (added.size() == 1 ? " package" : " packages") + " into runtime "
                + current.runtime().runtime().name());
        out.flush();
        return 0;
    }

    /** The package a plain request names (a YAML request or a requests file names none here). */
    private static java.util.Optional<PkgName> requestedName(String request) {
        try {
            return java.util.Optional.of(PkgRequest.parse(request).pkg().name());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static void printGroup(PrintWriter out, String title, List<ResolvedPackage> pkgs) {
        if (pkgs.isEmpty()) {
            return;
        }
        out.println("  " + title);
        for (ResolvedPackage p : pkgs) {
            out.println("    " + p.spec().pkg() + Components.suffix(p.components()) + "  (" + p.source() + ")");
        }
    }
}
