package spk.builder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spfs.error.IoMessages;
import spfs.encoding.Digest;
import spfs.graph.Blob;
import spfs.graph.Layer;
import spfs.graph.Manifest;
import spfs.graph.ObjectFormat;
import spfs.storage.PayloadStorage.PayloadWrite;
import spfs.storage.fs.FsRepository;
import spfs.tracking.DirNode;
import spfs.tracking.FileNode;
import spfs.tracking.Node;
import spfs.tracking.Manifests;
import spk.error.SpkException;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.option.OptionMap;
import spk.grammar.request.Request;
import spk.solver.InitialRequest;
import spk.solver.ResolvedPackage;
import spk.solver.SolveRequest;
import spk.solver.SolveResult;
import spk.solver.Solver;
import spk.solver.repository.PackageRepository;
import spk.spec.model.EnvOp;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.variant.BuildRequirements;
import spk.spec.variant.BuiltSpecGenerator;
import spk.spec.variant.HostOptions;
import spk.spec.variant.ResolvedVariant;
import spk.spec.write.SpecWriter;
import spk.storage.SpfsPackageRepository;

/**
 * Builds one variant of a recipe into a binary package, as {@code spk build} does: solves the
 * build environment, runs the build script in a runtime over that environment's layers with
 * {@code PREFIX=/spfs}, splits what the script wrote into the package's components and publishes
 * the spec and a layer per component to the local repository.
 */
public final class BinaryBuilder {
    /** Runs a script in an editable runtime over {@code layers}; returns the layer of what it wrote to /spfs. */
    @FunctionalInterface
    public interface ScriptRunner {
        /**
         * @param sources the folder the script runs in: the recipe's collected sources (scratch, its own to change)
         * @param scratch where its own scratch folders and processes are made, to be removed however the build ends
         */
        Digest run(BuildIdent build, List<Digest> layers, String script, Map<String, String> env, Path sources,
                ScratchFolders scratch);
    }

    /** A published build. */
    public record Built(PackageSpec spec, Map<Component, Digest> layers) {}

    private final Solver solver;
    private final List<PackageRepository> repositories;
    private final SpfsPackageRepository local;
    private final HostOptions host;
    private final ScriptRunner runner;
    private final ScratchFolders scratch;
    private final ObjectFormat format;
    private final String author;

    /**
     * @param repositories where the build environment comes from ({@code local} among them)
     * @param local        the local repository builds are published to
     * @param scratch      the build's scratch folders and processes, removed however it ends
     */
    public BinaryBuilder(Solver solver, List<PackageRepository> repositories, SpfsPackageRepository local, HostOptions host,
            ScriptRunner runner, ScratchFolders scratch, ObjectFormat format, String author) {
        this.solver = solver;
        this.repositories = List.copyOf(repositories);
        this.local = local;
        this.host = host;
        this.runner = runner;
        this.scratch = scratch;
        this.format = format;
        this.author = author;
    }

    /** @param recipeDir the recipe's folder, which local source paths are relative to */
    public Built build(Recipe recipe, Path recipeDir, ResolvedVariant variant, OptionMap given) {
        SolveResult.Solved env = buildEnvironment(recipe, variant, given);
        List<PackageSpec> envSpecs = env.solution().packages().stream().map(ResolvedPackage::spec).toList();
        PackageSpec spec = new BuiltSpecGenerator(host).generate(recipe, variant, given, envSpecs, Map.of());
        if (!(local.spfs() instanceof FsRepository spfs)) {
            throw new BuildFailed("builds are published to the local repository, a folder, not " + local.spfs().address());
        }
        Digest written = runScript(recipe, recipeDir, spec, SolutionLayers.of(env.solution(), repositories, spfs));
        DirNode tree = Manifests.read(spfs, ((Layer) spfs.readObject(written)).manifest()
                .orElseThrow(() -> new BuildFailed("the build of " + recipe.pkg() + " installed no files under /spfs")));
        String specYaml = SpecWriter.write(spec);
        Map<String, FileNode> everyComponent = filesForEveryComponent(recipe, spec, specYaml, spfs);
        String meta = metadataDir(spec.pkg());
        FileNode marker = blob(spfs, "");
        Map<Component, Digest> layers = new LinkedHashMap<>();
        ComponentFiles.split(tree, spec.install().components()).forEach((c, split) -> {
            DirNode files = withFile(split, (meta + c + ".cmpt").split("/"), 0, marker);
            for (Map.Entry<String, FileNode> e : everyComponent.entrySet()) {
                files = withFile(files, e.getKey().split("/"), 0, e.getValue());
            }
            Manifest m = Manifests.toManifest(files, format);
            spfs.writeObject(m);
            Layer l = new Layer(Optional.of(m.digest()), List.of(), format);
            spfs.writeObject(l);
            layers.put(c, l.digest());
        });
        local.publish(specYaml, layers, format, author);
        return new Built(spec, layers);
    }

    private SolveResult.Solved buildEnvironment(Recipe recipe, ResolvedVariant variant, OptionMap given) {
        List<InitialRequest> requests = new ArrayList<>();
        for (Request r : BuildRequirements.of(recipe, variant, given, host)) {
            requests.add(new InitialRequest(r, "the build of " + recipe.pkg(), OptionMap.EMPTY));
        }
        SolveResult env = solver.solve(new SolveRequest(repositories, requests, given, false));
        if (env instanceof SolveResult.Unsatisfiable u) {
            throw new BuildFailed("the build environment of " + recipe.pkg() + " cannot be resolved: "
                    + u.explanation().render());
        }
        return (SolveResult.Solved) env;
    }

    /** Collects the sources into a scratch folder and runs the script there; returns the layer it wrote. */
    private Digest runScript(Recipe recipe, Path recipeDir, PackageSpec spec, List<Digest> envLayers) {
        Path sources;
        try {
            sources = scratch.create("spk-sources-");
        } catch (IOException e) {
            throw new BuildFailed("cannot make a folder for the sources of " + recipe.pkg() + ": " + IoMessages.describe(e));
        }
        try {
            SourceCollector.collect(recipe.sources(), recipeDir, sources, scratch);
            return runner.run(spec.pkg(), envLayers, String.join("\n", recipe.build().script()) + "\n",
                    scriptEnvironment(spec), sources, scratch);
        } finally {
            scratch.remove(sources);
        }
    }

    /**
     * What every component's layer holds besides its own files: the environment's startup
     * scripts (whichever component is used sets the environment up) and SPK's metadata of the
     * build (spec, options, script, as SPK writes them), so a runtime shows what it holds.
     */
    private Map<String, FileNode> filesForEveryComponent(Recipe recipe, PackageSpec spec, String specYaml,
            FsRepository spfs) {
        Map<String, FileNode> out = new LinkedHashMap<>();
        List<EnvOp> ops = spec.install().environment();
        if (ops.stream().anyMatch(op -> !(op instanceof EnvOp.Priority))) {
            String base = "etc/spfs/startup.d/" + EnvironmentScripts.baseName(spec.pkg().name().value(), ops);
            out.put(base + ".sh", blob(spfs, EnvironmentScripts.sh(ops)));
            out.put(base + ".csh", blob(spfs, EnvironmentScripts.csh(ops)));
        }
        String meta = metadataDir(spec.pkg());
        out.put(meta + "spec.yaml", blob(spfs, specYaml));
        out.put(meta + "options.json", blob(spfs, optionsJson(spec)));
        out.put(meta + "build.sh", blob(spfs, String.join("\n", recipe.build().script()) + "\n"));
        return out;
    }

    /** Where a build's metadata lives under /spfs (without the leading slash). */
    private static String metadataDir(BuildIdent id) {
        return "spk/pkg/" + id.name().value() + "/" + id.version() + "/" + id.build() + "/";
    }

    private FileNode blob(FsRepository spfs, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        PayloadWrite w;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            w = spfs.writePayload(in, 0100644);
        } catch (IOException e) {
            throw new BuildFailed("cannot write a startup script: " + IoMessages.describe(e));
        }
        spfs.writeObject(new Blob(w.digest(), w.size(), format));
        return new FileNode(0100644, w.size(), w.digest());
    }

    /** {@code dir} with a file at {@code path[i...]}, folders made as needed. */
    private static DirNode withFile(DirNode dir, String[] path, int i, FileNode file) {
        java.util.TreeMap<String, Node> children = new java.util.TreeMap<>(dir.children());
        if (i == path.length - 1) {
            children.put(path[i], file);
        } else {
            Node sub = children.get(path[i]);
            DirNode d = sub instanceof DirNode existing ? existing : new DirNode(040755, Map.of());
            children.put(path[i], withFile(d, path, i + 1, file));
        }
        return new DirNode(dir.mode(), children);
    }

    /** The build's option values as a JSON object, names sorted. */
    static String optionsJson(PackageSpec spec) {
        java.util.TreeMap<String, String> values = new java.util.TreeMap<>();
        for (Opt o : spec.options()) {
            values.put(o.fullName().value(), o.staticValue().orElse(""));
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(values) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BuildFailed("cannot write the options of " + spec.pkg() + ": " + IoMessages.describe(e));
        }
    }

    /** What SPK gives a build script: where to install, the package, and every option's value. */
    static Map<String, String> scriptEnvironment(PackageSpec spec) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PREFIX", "/spfs");
        env.putAll(BuiltSpecGenerator.packageVariables(spec.pkg()));
        for (Opt o : spec.options()) {
            String name = o.fullName().value().replace('.', '_').replace('-', '_');
            env.put("SPK_OPT_" + name, o.staticValue().orElse(""));
        }
        return env;
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
