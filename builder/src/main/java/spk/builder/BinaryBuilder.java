package spk.builder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;
import spfs.tracking.DirNode;
import spfs.tracking.Layering;
import spk.builder.validation.BuildValidation;
import spk.builder.validation.RuleSet;
import spk.error.SpkException;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.OptName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.PreReleasePolicy;
import spk.grammar.request.Request;
import spk.grammar.request.VarSuppression;
import spk.solver.InitialRequest;
import spk.solver.ResolvedPackage;
import spk.solver.Solution;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.solver.repository.PackageRepository;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.model.ValidationRule;
import spk.spec.variant.BuildInputException;
import spk.spec.variant.BuildRequirements;
import spk.spec.variant.BuiltSpecGenerator;
import spk.spec.variant.HostOptions;
import spk.spec.variant.ResolvedVariant;
import spk.spec.write.SpecWriter;
import spk.storage.SpfsPackageRepository;

/**
 * Builds one variant of a recipe into a binary package, as SPK's make-binary does: resolves the
 * source package ({@code NAME/VERSION/src}, unless building from a local folder) and the build
 * environment, checks the build setup against the recipe's validation rules, runs the build
 * script in a runtime over those layers with {@code PREFIX=/spfs} and the sources as its working
 * directory, collects what it changed (not the sources folder), checks that output, splits it
 * into the package's components and publishes the spec and a layer per component to the local
 * repository.
 */
public final class BinaryBuilder {
    /** Runs a script, or an interactive shell, in an editable runtime. */
    @FunctionalInterface
    public interface ScriptRunner {
        /** @return the layer of what the script wrote to /spfs, when {@code run.commit()} */
        Optional<Digest> run(ScriptRun run);
    }

    /**
     * One script run: {@code interactive} opens a shell instead (the script is there to run by
     * hand); {@code shellOnFailure} opens one where a failed script left off, in the same runtime;
     * {@code workdir} may be inside /spfs (a source package's folder); {@code label} names it in
     * messages.
     */
    public record ScriptRun(String label, List<Digest> layers, String script, boolean interactive,
            boolean shellOnFailure, Map<String, String> env, String workdir, boolean commit) {
        public ScriptRun {
            layers = List.copyOf(layers);
            env = Map.copyOf(env);
        }
    }

    /** Where a build's sources come from. */
    public sealed interface BuildSource {
        /** A published source package, {@code NAME/VERSION/src}, mounted and built in. */
        record SourcePackage(BuildIdent ident) implements BuildSource {}

        /** A folder of the host, built in as it is ({@code --here}). */
        record LocalPath(Path dir) implements BuildSource {}

        /** The recipe's own source package. */
        static BuildSource of(Recipe recipe) {
            return new SourcePackage(recipe.pkg().withBuild(spk.grammar.build.Build.SOURCE));
        }
    }

    /**
     * How to build: {@code interactive} opens a shell in the build environment instead of
     * running the script; {@code shellOnFailure} opens one there when the script fails, to see
     * why; {@code allowCircularDependencies} lets the package appear in its own build environment
     * (SPK's flag of that name; here it adds {@code allow: RecursiveBuild}).
     */
    public record Settings(boolean interactive, boolean shellOnFailure, boolean allowCircularDependencies) {}

    /** A published build. */
    public record Built(PackageSpec spec, Map<Component, Digest> layers) {}

    private final Solver solver;
    private final List<PackageRepository> repositories;
    private final SpfsPackageRepository local;
    private final HostOptions host;
    private final ScriptRunner runner;
    private final ObjectFormat format;
    private final String author;
    private final BuildProgress progress;

    /**
     * @param repositories where the build environment comes from ({@code local} among them)
     * @param local        the local repository builds are published to
     */
    public BinaryBuilder(Solver solver, List<PackageRepository> repositories, SpfsPackageRepository local, HostOptions host,
            ScriptRunner runner, ObjectFormat format, String author, BuildProgress progress) {
        this.solver = solver;
        this.repositories = List.copyOf(repositories);
        this.local = local;
        this.host = host;
        this.runner = runner;
        this.format = format;
        this.author = author;
        this.progress = progress;
    }

    public Built build(Recipe recipe, BuildSource source, ResolvedVariant variant, OptionMap given, Settings settings) {
        RuleSet rules = RuleSet.of(recipe.build().validation(), recipe.pkg().name(), settings.allowCircularDependencies()
                ? List.of(new ValidationRule(ValidationRule.Verb.ALLOW, ValidationRule.Kind.RecursiveBuild, List.of(),
                        Optional.empty()))
                : List.of());
        FsRepository spfs = local.spfs();
        List<SolutionLayers.PackageLayer> layers = new ArrayList<>();
        String workdir;
        if (source instanceof BuildSource.SourcePackage s) {
            progress.step("resolving the source package " + s.ident());
            layers.addAll(SolutionLayers.packageLayers(sourcePackage(s.ident(), given), repositories, spfs,
                    progress.transfers()));
            workdir = "/spfs/" + sourceDir(s.ident().versionIdent());
        } else {
            workdir = ((BuildSource.LocalPath) source).dir().toAbsolutePath().normalize().toString();
        }
        progress.step("resolving the build environment of " + recipe.pkg());
        Solution env = InvalidOptions.check(recipe, () -> buildEnvironment(recipe, variant, given));
        List<PackageSpec> envSpecs = env.packages().stream().map(ResolvedPackage::spec).toList();
        PackageSpec spec = InvalidOptions.check(recipe,
                () -> new BuiltSpecGenerator(host).generate(recipe, variant, given, envSpecs, Map.of()));
        BuildValidation validation = new BuildValidation(rules, spec.pkg());
        validation.checkSetup(spec, recipe.build().options(), suppressed(recipe), envSpecs);
        progress.step("copying the build environment of " + spec.pkg());
        layers.addAll(SolutionLayers.packageLayers(env, repositories, spfs, progress.transfers()));
        progress.step((settings.interactive() ? "opening a shell in the build of " : "building ") + spec.pkg());
        Map<String, String> vars = new LinkedHashMap<>(SolutionEnvironment.of(env));
        vars.putAll(scriptEnvironment(spec));
        Digest written = runner.run(new ScriptRun("the build of " + spec.pkg(),
                layers.stream().map(SolutionLayers.PackageLayer::layer).distinct().toList(),
                buildScript(recipe), settings.interactive(), settings.shellOnFailure(), vars, workdir, true))
                .orElseThrow();
        progress.step("collecting what " + spec.pkg() + " installed");
        EnvironmentFiles before = EnvironmentFiles.of(layers, spfs);
        String meta = ComponentLayers.metadataDir(spec.pkg());
        BuildChanges changes = BuildChanges.of(Layering.mergedTree(spfs, written), before, spec.pkg(),
                Set.of(meta.substring(0, meta.length() - 1), sourceDir(recipe.pkg())));
        refuseReserved(changes);
        String specYaml = SpecWriter.write(spec);
        ComponentLayers layersOf = new ComponentLayers(spfs, format, spec, specYaml, buildScript(recipe));
        Map<Component, DirNode> split = ComponentFiles.split(changes.tree(), spec.install().components());
        validation.checkOutput(changes, before, split, layersOf.hasStartupScripts());
        Map<Component, Digest> componentLayers = layersOf.write(split);
        progress.step("publishing " + spec.pkg());
        local.publish(specYaml, componentLayers, format, author);
        return new Built(spec, componentLayers);
    }

    /** The folder (under /spfs, without the slash) a version's source package holds its files in. */
    public static String sourceDir(VersionIdent pkg) {
        return "spk/pkg/" + pkg.name().value() + "/" + pkg.version() + "/src";
    }

    /** The request for a source package: exactly that version's {@code src} build, pre-releases included. */
    static PkgRequest sourceRequest(BuildIdent src) {
        return PkgRequest.of(RangeIdent.parse(src.name().value() + ":src/=" + src.version() + "/src"))
                .withPrereleasePolicy(PreReleasePolicy.INCLUDE_ALL);
    }

    private Solution sourcePackage(BuildIdent src, OptionMap given) {
        SolveResult r = solver.solve(new SolveRequest(repositories, List.of(new InitialRequest(sourceRequest(src),
                "the build of " + src.versionIdent(), OptionMap.EMPTY)), given, false));
        if (r instanceof SolveResult.Unsatisfiable) {
            throw new BuildFailed("the source package " + src + " is not in " + repositories.stream()
                    .map(PackageRepository::name).toList() + " (make it first with spk make-source, or build from "
                    + "a folder with --here)");
        }
        return ((SolveResult.Solved) r).solution();
    }

    private Solution buildEnvironment(Recipe recipe, ResolvedVariant variant, OptionMap given) {
        List<InitialRequest> requests = new ArrayList<>();
        for (Request r : BuildRequirements.of(recipe, variant, given, host)) {
            requests.add(new InitialRequest(r, "the build of " + recipe.pkg(), OptionMap.EMPTY));
        }
        SolveResult env = solver.solve(new SolveRequest(repositories, requests, given, false));
        if (env instanceof SolveResult.Unsatisfiable u) {
            throw new BuildFailed("the build environment of " + recipe.pkg() + " cannot be resolved: "
                    + u.explanation().render());
        }
        return ((SolveResult.Solved) env).solution();
    }

    private static Set<OptName> suppressed(Recipe recipe) {
        Set<OptName> out = new HashSet<>();
        for (Request r : recipe.install().requirements()) {
            if (r instanceof VarSuppression s) {
                out.add(s.var());
            }
        }
        return out;
    }

    /** /spfs/spk holds package metadata, which only the builder writes (its own, for this build). */
    private static void refuseReserved(BuildChanges changes) {
        List<String> reserved = changes.changes().stream().filter(c -> !c.isDir() && c.path().startsWith("spk/"))
                .map(c -> "/spfs/" + c.path()).toList();
        if (!reserved.isEmpty()) {
            throw new BuildFailed("the build wrote under /spfs/spk, which holds the metadata of installed packages and "
                    + "is written only by spk: " + String.join(", ", reserved.subList(0, Math.min(5, reserved.size())))
                    + (reserved.size() > 5 ? " and " + (reserved.size() - 5) + " more" : ""));
        }
    }

    private static String buildScript(Recipe recipe) {
        return String.join("\n", recipe.build().script()) + "\n";
    }

    /** What SPK gives a build script: where to install, the package, and every option's value. */
    static Map<String, String> scriptEnvironment(PackageSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PREFIX", "/spfs");
        env.put("SHELL", "bash");
        env.putAll(BuiltSpecGenerator.packageVariables(spec.pkg()));
        for (Opt o : spec.options()) {
            String name = o.fullName().value().replace('.', '_').replace('-', '_');
            env.put("SPK_OPT_" + name, o.staticValue().orElse(""));
        }
        return env;
    }

    /** Option values a recipe refuses (a value outside an option's choices, say). */
    public static final class InvalidOptions extends SpkException {
        private static final long serialVersionUID = 1L;

        InvalidOptions(Recipe recipe, String code, String message) {
            super(code, recipe.pkg() + ": " + message);
        }

        /** Runs what reads the options, turning the recipe's refusal into this error, which names the recipe. */
        static <T> T check(Recipe recipe, java.util.function.Supplier<T> reading) {
            try {
                return reading.get();
            } catch (BuildInputException e) {
                throw new InvalidOptions(recipe, e.code(), e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new InvalidOptions(recipe, "invalid-options", e.getMessage());
            }
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }

    /** A build that could not be made. */
    public static final class BuildFailed extends SpkException {
        private static final long serialVersionUID = 1L;

        public BuildFailed(String message) {
            super("build-failed", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
    }
}
