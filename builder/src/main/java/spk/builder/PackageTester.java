package spk.builder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spk.error.SpkException;
import spk.grammar.build.Build;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.RangeIdent;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.PreReleasePolicy;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.solver.InitialRequest;
import spk.solver.Solution;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.solver.repository.PackageRepository;
import spk.spec.model.Recipe;
import spk.spec.model.TestSpec;
import spk.spec.variant.BuildRequirements;
import spk.spec.variant.HostOptions;
import spk.spec.variant.ResolvedVariant;
import spk.spec.variant.VariantOptions;
import spk.storage.SpfsPackageRepository;

/**
 * Runs a recipe's tests as SPK's {@code spk test} does, each in a runtime of its own:
 * {@code sources} tests in the source package (or a local folder), {@code build} tests in the
 * build environment over the sources, {@code install} tests in an environment holding the build
 * of the variant under test (every component) with the test's requirements; the script runs as
 * {@code bash -ex}, and a non-zero exit fails the test.
 */
public final class PackageTester {
    private final Solver solver;
    private final List<PackageRepository> repositories;
    private final SpfsPackageRepository local;
    private final HostOptions host;
    private final BinaryBuilder.ScriptRunner runner;
    private final BuildProgress progress;

    public PackageTester(Solver solver, List<PackageRepository> repositories, SpfsPackageRepository local,
            HostOptions host, BinaryBuilder.ScriptRunner runner, BuildProgress progress) {
        this.solver = solver;
        this.repositories = List.copyOf(repositories);
        this.local = local;
        this.host = host;
        this.runner = runner;
        this.progress = progress;
    }

    /**
     * The tests of one stage that apply to a variant: those without selectors, and those with a
     * selector whose every entry equals the variant's value of that option (as strings: a
     * selector {@code python: 2.7} does not match a variant with {@code python: 2}).
     */
    public List<TestSpec> selected(Recipe recipe, TestSpec.Stage stage, ResolvedVariant variant, OptionMap given) {
        OptionMap values = variant.options().with(given).with(BinaryBuilder.InvalidOptions.check(recipe,
                () -> VariantOptions.resolve(recipe.pkg().name(), VariantOptions.optsFor(recipe, variant, host),
                        variant.options().with(given))));
        List<TestSpec> out = new ArrayList<>();
        for (TestSpec t : recipe.tests()) {
            if (t.stage() != stage) {
                continue;
            }
            OptionMap v = values;
            if (t.selectors().isEmpty() || t.selectors().stream().anyMatch(s -> s.entrySet().stream()
                    .allMatch(e -> v.get(e.getKey()).map(e.getValue()::equals).orElse(false)))) {
                out.add(t);
            }
        }
        return out;
    }

    /** @param here the folder to run in instead of the source package (SPK's {@code --here}) */
    public void run(Recipe recipe, TestSpec test, ResolvedVariant variant, OptionMap given, Optional<Path> here,
            String label) {
        List<InitialRequest> requests = new ArrayList<>();
        List<SolutionLayers.PackageLayer> layers = new ArrayList<>();
        BuildIdent src = recipe.pkg().withBuild(Build.SOURCE);
        String workdir = here.map(p -> p.toAbsolutePath().normalize().toString())
                .orElse("/spfs/" + BinaryBuilder.sourceDir(recipe.pkg()));
        switch (test.stage()) {
            case SOURCES -> {
                if (here.isEmpty()) {
                    requests.add(request(BinaryBuilder.sourceRequest(src), recipe));
                }
            }
            case BUILD -> {
                if (here.isEmpty()) {
                    progress.step("resolving the source package " + src);
                    layers.addAll(SolutionLayers.packageLayers(solve(List.of(request(BinaryBuilder.sourceRequest(src),
                            recipe)), given, label), repositories, local.spfs(), progress.transfers()));
                }
                for (Request r : BinaryBuilder.InvalidOptions.check(recipe,
                        () -> BuildRequirements.of(recipe, variant, given, host))) {
                    requests.add(request(r, recipe));
                }
            }
            case INSTALL -> {
                workdir = here.map(p -> p.toAbsolutePath().normalize().toString())
                        .orElse(Path.of("").toAbsolutePath().toString());
                Build.Digest digest = BinaryBuilder.InvalidOptions.check(recipe,
                        () -> VariantOptions.digest(recipe, variant, given, host));
                requests.add(request(PkgRequest.of(RangeIdent.parse(recipe.pkg().name().value() + ":all/=="
                        + recipe.pkg().version() + "/" + digest)).withPrereleasePolicy(PreReleasePolicy.INCLUDE_ALL),
                        recipe));
                // as SPK, the options (host ones included) are var requests of the test environment
                for (Map.Entry<String, String> e : given.entries().entrySet()) {
                    if (!e.getValue().isEmpty()) {
                        requests.add(request(VarRequest.of(spk.grammar.name.OptName.parse(e.getKey()), e.getValue()),
                                recipe));
                    }
                }
            }
        }
        for (Request r : test.requirements()) {
            requests.add(request(r, recipe));
        }
        progress.step("resolving the environment of " + label);
        Solution env = solve(requests, given, label);
        layers.addAll(SolutionLayers.packageLayers(env, repositories, local.spfs(), progress.transfers()));
        Map<String, String> vars = new LinkedHashMap<>(SolutionEnvironment.of(env));
        vars.put("PREFIX", "/spfs");
        vars.put("SHELL", "bash");
        progress.step("running " + label);
        try {
            runner.run(new BinaryBuilder.ScriptRun(label, layers.stream().map(SolutionLayers.PackageLayer::layer).distinct()
                    .toList(), String.join("\n", test.script()) + "\n", false, false, vars, workdir, false));
        } catch (BinaryBuilder.BuildFailed e) {
            throw new TestFailed(e.getMessage());
        }
    }

    private static InitialRequest request(Request r, Recipe recipe) {
        return new InitialRequest(r, "the tests of " + recipe.pkg(), OptionMap.EMPTY);
    }

    private Solution solve(List<InitialRequest> requests, OptionMap given, String label) {
        SolveResult r = solver.solve(new SolveRequest(repositories, requests, given, false));
        if (r instanceof SolveResult.Unsatisfiable u) {
            throw new TestFailed("the environment of " + label + " cannot be resolved: " + u.explanation().render());
        }
        return ((SolveResult.Solved) r).solution();
    }

    /** A test that failed, or whose environment could not be made. */
    public static final class TestFailed extends SpkException {
        private static final long serialVersionUID = 1L;

        public TestFailed(String message) {
            super("test-failed", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
    }
}
