package spk.spec.read;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import spk.grammar.compat.Compat;
import spk.grammar.ident.AnyIdent;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.RangeIdent;
import spk.grammar.ident.VersionIdent;
import spk.grammar.name.OptName;
import spk.grammar.option.OptionMap;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.spec.model.BuildSpec;
import spk.spec.model.InstallSpec;
import spk.spec.model.Meta;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.Platform;
import spk.spec.model.Recipe;
import spk.spec.model.RequirementsFile;
import spk.spec.model.SourceSpec;
import spk.spec.model.SpecFile;
import spk.spec.model.TestSpec;
import spk.spec.problem.Problems;
import spk.spec.yaml.YamlNode;

/**
 * Reads a parsed spec document into its typed form, chosen by {@code api}: recipes and built
 * package specs ({@code v0/package}), platforms ({@code v0/platform}, {@code v1/platform}) and
 * requests files ({@code v0/requirements}). Every problem found is recorded; unknown top-level
 * keys are warnings, as in SPK.
 */
public final class SpecReader {
    /** The {@code api} values a spec file may have. */
    public static final List<String> APIS = List.of("v0/package", "v0/platform", "v1/platform", "v0/requirements");

    private static final Set<String> PACKAGE_KEYS = Set.of("api", "pkg", "meta", "compat", "deprecated", "sources",
            "build", "install", "tests");
    private static final Set<String> PLATFORM_V0_KEYS = Set.of("api", "platform", "meta", "compat", "deprecated",
            "base", "requirements");
    private static final Set<String> PLATFORM_V1_KEYS = Set.of("api", "platform", "meta", "compat", "deprecated",
            "base", "requirements");
    private static final Set<String> REQUIREMENTS_KEYS = Set.of("api", "requirements", "options");

    private SpecReader() {}

    /** Reads the document; returns null only when errors were recorded in {@code problems}. */
    public static SpecFile read(YamlNode root, Problems problems) {
        return problems.capture(() -> dispatch(root, problems));
    }

    private static SpecFile dispatch(YamlNode root, Problems problems) {
        if (!root.isMapping()) {
            throw root.problem("a spec file must be a YAML mapping, found " + root.kind());
        }
        String api = "v0/package";
        Optional<YamlNode> apiNode = root.get("api");
        if (apiNode.isPresent()) {
            api = apiNode.get().string();
            if (api.equals("v0/workspace")) {
                throw apiNode.get().problem("a workspace belongs in workspace.spk.yaml, not in a spec file");
            }
            if (!APIS.contains(api)) {
                throw apiNode.get().problem("expected api to be one of " + String.join(", ", APIS) + ", found '" + api
                        + "'");
            }
        } else if (root.has("platform")) {
            api = "v0/platform";
        } else {
            problems.add(root.warning("no 'api' given; reading the file as v0/package"));
        }
        return switch (api) {
            case "v0/platform" -> platform(root, problems, Platform.Api.V0);
            case "v1/platform" -> platform(root, problems, Platform.Api.V1);
            case "v0/requirements" -> requirements(root, problems);
            default -> pkg(root, problems);
        };
    }

    // ---------------------------------------------------------------- v0/package

    private static SpecFile pkg(YamlNode root, Problems problems) {
        Keys.warnUnknown(root, PACKAGE_KEYS, false, problems);
        // a bad ident is reported, but the rest of the file is still read for its own problems
        AnyIdent ident = problems.capture(() -> Values.parse(
                root.get("pkg").orElseThrow(() -> root.problem("a package spec needs 'pkg'")), AnyIdent::parse));
        if (ident == null) {
            ident = AnyIdent.parse("unknown");
        }
        Meta meta = orDefault(root.get("meta").map(m -> problems.capture(() -> SectionReader.meta(m, problems))),
                Meta.EMPTY);
        Compat compat = orDefault(root.get("compat").map(c -> problems.capture(() -> SectionReader.compat(c))),
                Compat.DEFAULT);
        boolean deprecated = orDefault(root.get("deprecated").map(d -> problems.capture(d::bool)), false);
        List<SourceSpec> sources = root.has("sources")
                ? orDefault(root.get("sources").map(s -> problems.capture(() -> SectionReader.sources(s, problems))),
                        List.of())
                : List.of(new SourceSpec.Local(".", SourceSpec.Local.DEFAULT_EXCLUDE, SourceSpec.Local.DEFAULT_FILTER,
                        Optional.empty()));
        boolean source = ident.build().map(b -> b.isSource()).orElse(false);
        AnyIdent id = ident;
        InstallSpec install = orDefault(root.get("install")
                .map(i -> problems.capture(() -> SectionReader.install(i, problems, true, source))), null);
        if (install == null) {
            install = SectionReader.install(YamlNode.parse(root.file(), "{}"), problems, true, source);
        }
        List<TestSpec> tests = orDefault(root.get("tests")
                .map(t -> problems.capture(() -> SectionReader.tests(t, problems))), List.of());
        if (id.build().isPresent()) {
            BuildIdent built = new BuildIdent(id.name(), id.version(), id.build().get());
            List<Opt> options = root.get("build").flatMap(b -> b.get("options"))
                    .map(o -> problems.capture(() -> OptionReader.readList(o, problems))).orElse(List.of());
            return new PackageSpec(built, meta, compat, deprecated, root.has("sources") ? sources : List.of(),
                    options == null ? List.of() : options, install, tests);
        }
        BuildSpec build = root.get("build").map(b -> problems.capture(() -> SectionReader.build(b, problems)))
                .orElse(BuildSpec.DEFAULT);
        Recipe recipe = new Recipe(new VersionIdent(id.name(), id.version()), meta, compat, deprecated, sources,
                build == null ? BuildSpec.DEFAULT : build, install, tests);
        root.get("build").flatMap(b -> b.get("variants"))
                .ifPresent(v -> spk.spec.variant.Variants.checkDistinct(recipe, v, problems));
        return recipe;
    }

    private static <T> T orDefault(Optional<T> value, T fallback) {
        return value.orElse(fallback) == null ? fallback : value.orElse(fallback);
    }

    // ---------------------------------------------------------------- platforms

    private static Platform platform(YamlNode root, Problems problems, Platform.Api api) {
        Keys.warnUnknown(root, api == Platform.Api.V0 ? PLATFORM_V0_KEYS : PLATFORM_V1_KEYS, false, problems);
        YamlNode nameNode = root.get("platform").orElseThrow(() -> root.problem("a platform spec needs 'platform'"));
        VersionIdent ident = Values.parse(nameNode, VersionIdent::parse);
        Meta meta = root.get("meta").map(m -> SectionReader.meta(m, problems)).orElse(Meta.EMPTY);
        Compat compat = root.get("compat").map(SectionReader::compat).orElse(Compat.DEFAULT);
        boolean deprecated = root.get("deprecated").map(YamlNode::bool).orElse(false);
        List<VersionIdent> bases = new ArrayList<>();
        root.get("base").ifPresent(b -> {
            if (b.isSequence()) {
                for (YamlNode n : b.items()) {
                    bases.add(Values.parse(n, VersionIdent::parse));
                }
            } else {
                bases.add(Values.parse(b, VersionIdent::parse));
            }
        });
        List<Platform.Requirement> reqs = new ArrayList<>();
        root.get("requirements").ifPresent(r -> {
            if (api == Platform.Api.V1) {
                for (YamlNode n : r.items()) {
                    Platform.Requirement req = problems.capture(() -> v1Requirement(n, problems));
                    if (req != null) {
                        reqs.add(req);
                    }
                }
            } else {
                v0Requirements(r, problems, reqs);
            }
        });
        return new Platform(api, ident, meta, compat, deprecated, bases, reqs);
    }

    private static Platform.Requirement v1Requirement(YamlNode node, Problems problems) {
        Keys.denyUnknown(node, Set.of("pkg", "var", "atBuild", "atRuntime"), problems);
        Platform.Target target;
        if (node.has("pkg") == node.has("var")) {
            throw node.problem("a platform requirement has exactly one of 'pkg' or 'var'");
        }
        if (node.has("pkg")) {
            target = new Platform.Target.Pkg(Values.parse(node.get("pkg").orElseThrow(() -> node.problem(
                    "'pkg' needs a package name")), spk.grammar.name.PkgName::parse));
        } else {
            target = new Platform.Target.Var(Values.parse(node.get("var").orElseThrow(() -> node.problem(
                    "'var' needs an option name")), OptName::parse));
        }
        return new Platform.Requirement(target, constraint(node, "atBuild", target),
                constraint(node, "atRuntime", target));
    }

    private static Optional<Platform.Constraint> constraint(YamlNode node, String key, Platform.Target target) {
        Optional<YamlNode> n = node.get(key);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        if (n.get().isBool()) {
            if (n.get().bool()) {
                throw n.get().problem("expected a version range or false, found true");
            }
            return Optional.of(new Platform.Constraint.Remove());
        }
        String value = n.get().string();
        if (target instanceof Platform.Target.Pkg) {
            Values.parse(n.get(), spk.grammar.range.VersionFilter::parse);
        }
        return Optional.of(new Platform.Constraint.Value(value));
    }

    private static void v0Requirements(YamlNode r, Problems problems, List<Platform.Requirement> out) {
        List<Request> add;
        List<Request> remove = List.of();
        if (r.isMapping()) {
            Keys.warnUnknown(r, Set.of("add", "remove"), false, problems);
            add = r.get("add").map(a -> RequestReader.readList(a, problems)).orElse(List.of());
            remove = r.get("remove").map(a -> RequestReader.readList(a, problems)).orElse(List.of());
        } else {
            add = RequestReader.readList(r, problems);
        }
        for (Request req : add) {
            if (req instanceof PkgRequest p) {
                out.add(new Platform.Requirement(new Platform.Target.Pkg(p.pkg().name()), Optional.empty(),
                        Optional.of(new Platform.Constraint.Value(p.pkg().version().toString()))));
            } else if (req instanceof VarRequest v) {
                out.add(new Platform.Requirement(new Platform.Target.Var(v.var()), Optional.empty(),
                        Optional.of(new Platform.Constraint.Value(v.value()))));
            }
        }
        for (Request req : remove) {
            Platform.Target t = req instanceof PkgRequest p ? new Platform.Target.Pkg(p.pkg().name())
                    : new Platform.Target.Var(((VarRequest) req).var());
            out.add(new Platform.Requirement(t, Optional.empty(), Optional.of(new Platform.Constraint.Remove())));
        }
    }

    // ---------------------------------------------------------------- v0/requirements

    private static RequirementsFile requirements(YamlNode root, Problems problems) {
        Keys.warnUnknown(root, REQUIREMENTS_KEYS, false, problems);
        List<Request> reqs = root.get("requirements").map(r -> RequestReader.readList(r, problems)).orElse(List.of());
        TreeMap<String, String> opts = new TreeMap<>();
        root.get("options").ifPresent(o -> {
            for (YamlNode.Entry e : o.entries()) {
                Values.parse(e.keyNode(), OptName::parse);
                opts.put(e.key(), e.value().isNull() ? "" : e.value().string());
            }
        });
        return new RequirementsFile(reqs, new OptionMap(opts));
    }

    /** Reads a request given on the command line as a YAML mapping. */
    public static Request commandLineRequest(String text) {
        Problems problems = new Problems();
        Request r = problems.capture(() -> RequestReader.read(YamlNode.parse("<command line>", text), problems));
        problems.throwIfErrors();
        return r;
    }

    /** A request ident string as a plain request. */
    public static PkgRequest identRequest(String text) {
        return PkgRequest.of(RangeIdent.parse(text));
    }
}
