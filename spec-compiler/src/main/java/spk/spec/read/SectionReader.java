package spk.spec.read;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spk.grammar.compat.Compat;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.version.Version;
import spk.spec.model.AutoHostVars;
import spk.spec.model.BuildSpec;
import spk.spec.model.ComponentEmbed;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EnvOp;
import spk.spec.model.InstallSpec;
import spk.spec.model.Meta;
import spk.spec.model.Opt;
import spk.spec.model.SourceSpec;
import spk.spec.model.TestSpec;
import spk.spec.model.ValidationRule;
import spk.spec.model.ValidationSpec;
import spk.spec.model.VariantSpec;
import spk.spec.problem.Problems;
import spk.spec.yaml.YamlNode;

/** Reads the sections shared by recipes and built specs: meta, sources, build, install, tests. */
final class SectionReader {
    private SectionReader() {}

    static Meta meta(YamlNode node, Problems problems) {
        Keys.warnUnknown(node, Set.of("description", "homepage", "license", "labels"), false, problems);
        Map<String, String> labels = new LinkedHashMap<>();
        node.get("labels").ifPresent(l -> {
            for (YamlNode.Entry e : l.entries()) {
                labels.put(e.key(), e.value().isNull() ? "" : e.value().string());
            }
        });
        return new Meta(node.get("description").map(YamlNode::string), node.get("homepage").map(YamlNode::string),
                node.get("license").map(YamlNode::string), labels);
    }

    static Compat compat(YamlNode node) {
        return Values.parse(node, Compat::parse);
    }

    // ---------------------------------------------------------------- sources

    static List<SourceSpec> sources(YamlNode list, Problems problems) {
        List<SourceSpec> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            SourceSpec s = problems.capture(() -> source(item, problems));
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * One source, told apart by its key as SPK's schema does, and refused (with the place) where
     * SPK's schema would refuse it: a key its shape does not have, an empty {@code git} or
     * {@code tar} address, a {@code depth} that is not a positive whole number, a {@code subdir}
     * that leaves the source folder.
     */
    private static SourceSpec source(YamlNode node, Problems problems) {
        if (!node.isMapping()) {
            throw node.problem("expected a source: a mapping with one of 'path', 'git', 'tar' or 'script'");
        }
        Optional<String> subdir = node.get("subdir").map(SectionReader::subdir);
        if (node.has("path")) {
            Keys.denyUnknown(node, Set.of("path", "exclude", "filter", "subdir"), problems);
            return new SourceSpec.Local(node.get("path").map(YamlNode::string).orElse("."),
                    node.get("exclude").map(YamlNode::stringOrList).orElse(SourceSpec.Local.DEFAULT_EXCLUDE),
                    node.get("filter").map(YamlNode::stringOrList).orElse(SourceSpec.Local.DEFAULT_FILTER), subdir);
        }
        if (node.has("git")) {
            Keys.denyUnknown(node, Set.of("git", "ref", "depth", "subdir"), problems);
            String url = address(valueOf(node, "git"), "'git' needs a repository address (a url or a path)");
            int depth = 1;
            if (node.has("depth")) {
                YamlNode d = valueOf(node, "depth");
                depth = d.integer();
                if (depth < 1) {
                    throw d.problem("'depth' must be a positive number of commits, found " + depth);
                }
            }
            return new SourceSpec.Git(url, node.get("ref").map(YamlNode::string).filter(r -> !r.isEmpty()), depth, subdir);
        }
        if (node.has("tar")) {
            Keys.denyUnknown(node, Set.of("tar", "subdir"), problems);
            return new SourceSpec.Tar(address(valueOf(node, "tar"), "'tar' needs an archive's path or url"), subdir);
        }
        if (node.has("script")) {
            Keys.denyUnknown(node, Set.of("script", "subdir"), problems);
            return new SourceSpec.Script(node.get("script").map(YamlNode::stringOrList).orElse(List.of()), subdir);
        }
        throw node.problem("a source needs one of 'path', 'git', 'tar' or 'script'");
    }

    /** The value of a key the mapping has, even an empty one (which {@link YamlNode#get} leaves out). */
    private static YamlNode valueOf(YamlNode map, String key) {
        return map.entries().stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow().value();
    }

    private static String address(YamlNode node, String ifEmpty) {
        String text = node.isNull() ? "" : node.string().strip();
        if (text.isEmpty()) {
            throw node.problem(ifEmpty);
        }
        return text;
    }

    /** A folder under the source folder: relative, and never above it. */
    private static String subdir(YamlNode node) {
        String text = node.string();
        java.nio.file.Path p = java.nio.file.Path.of(text).normalize();
        if (text.isEmpty() || p.isAbsolute() || p.startsWith("..")) {
            throw node.problem("'subdir' must be a folder inside the sources (a relative path without '..'), found '"
                    + text + "'");
        }
        return text;
    }

    // ---------------------------------------------------------------- build

    static BuildSpec build(YamlNode node, Problems problems) {
        Keys.warnUnknown(node, Set.of("script", "options", "variants", "validation", "auto_host_vars"), false,
                problems);
        List<String> script = node.has("script")
                ? Optional.ofNullable(problems.capture(() -> script(node.get("script")))).orElse(List.of())
                : BuildSpec.DEFAULT_SCRIPT;
        List<Opt> options = node.get("options").map(o -> problems.capture(() -> OptionReader.readList(o, problems)))
                .orElse(List.of());
        List<VariantSpec> variants = node.get("variants")
                .map(v -> problems.capture(() -> variants(v))).orElse(List.of());
        ValidationSpec validation = node.get("validation").map(v -> problems.capture(() -> validation(v, problems)))
                .orElse(ValidationSpec.DEFAULT);
        AutoHostVars auto = node.get("auto_host_vars")
                .map(a -> problems.capture(() -> Values.choice(a, AutoHostVars::fromYaml, "Distro", "Arch", "Os",
                        "None")))
                .orElse(AutoHostVars.DISTRO);
        return new BuildSpec(script, options == null ? List.of() : options, variants == null ? List.of() : variants,
                validation == null ? ValidationSpec.DEFAULT : validation, auto == null ? AutoHostVars.DISTRO : auto);
    }

    /** A script: one string (kept whole) or a list of strings. */
    static List<String> script(Optional<YamlNode> node) {
        return node.map(YamlNode::stringOrList).orElse(List.of());
    }

    private static List<VariantSpec> variants(YamlNode list) {
        List<VariantSpec> out = new ArrayList<>();
        for (YamlNode v : list.items()) {
            Map<String, String> entries = new LinkedHashMap<>();
            for (YamlNode.Entry e : v.entries()) {
                if (!e.value().isScalar()) {
                    throw e.value().problem("a variant value must be a string, found " + e.value().kind());
                }
                entries.put(e.key(), e.value().string());
            }
            out.add(new VariantSpec(entries, v.location()));
        }
        return out;
    }

    private static ValidationSpec validation(YamlNode node, Problems problems) {
        Keys.warnUnknown(node, Set.of("rules", "disabled"), false, problems);
        if (node.has("rules") && node.has("disabled")) {
            throw node.problem("'rules' and the legacy 'disabled' cannot be used together");
        }
        List<String> disabled = new ArrayList<>();
        node.get("disabled").ifPresent(d -> {
            for (YamlNode n : d.items()) {
                String name = n.string();
                if (!ValidationSpec.LEGACY_NAMES.contains(name)) {
                    throw n.problem("expected one of " + String.join(", ", ValidationSpec.LEGACY_NAMES)
                            + ", found '" + name + "'");
                }
                disabled.add(name);
            }
        });
        List<ValidationRule> rules = new ArrayList<>();
        node.get("rules").ifPresent(r -> {
            for (YamlNode n : r.items()) {
                ValidationRule rule = problems.capture(() -> rule(n, problems));
                if (rule != null) {
                    rules.add(rule);
                }
            }
        });
        return new ValidationSpec(rules, disabled);
    }

    private static ValidationRule rule(YamlNode node, Problems problems) {
        Keys.warnUnknown(node, Set.of("allow", "deny", "require", "packages", "action"), false, problems);
        ValidationRule.Verb verb = null;
        YamlNode kindNode = null;
        for (ValidationRule.Verb v : ValidationRule.Verb.values()) {
            Optional<YamlNode> n = node.get(v.yamlName());
            if (n.isPresent()) {
                if (verb != null) {
                    throw node.problem("a rule has one of 'allow', 'deny' or 'require'");
                }
                verb = v;
                kindNode = n.get();
            }
        }
        if (verb == null) {
            throw node.problem("a rule needs 'allow', 'deny' or 'require'");
        }
        ValidationRule.Kind kind = Values.choice(kindNode, ValidationRule.Kind::fromYaml,
                java.util.Arrays.stream(ValidationRule.Kind.values()).map(Enum::name).toArray(String[]::new));
        List<String> packages = node.get("packages").map(YamlNode::stringOrList).orElse(List.of());
        Optional<String> action = node.get("action").map(a -> Values.choice(a,
                t -> ValidationRule.ACTIONS.contains(t) ? t : null, "Change", "Remove", "Touch"));
        return new ValidationRule(verb, kind, packages, action);
    }

    // ---------------------------------------------------------------- install

    static InstallSpec install(YamlNode node, Problems problems, boolean embeddedAllowed) {
        return install(node, problems, embeddedAllowed, false);
    }

    /** {@code source}: a source package, which has exactly the components written (just {@code src}). */
    static InstallSpec install(YamlNode node, Problems problems, boolean embeddedAllowed, boolean source) {
        Keys.warnUnknown(node, embeddedAllowed ? Set.of("requirements", "environment", "components", "embedded")
                : Set.of("requirements", "components"), false, problems);
        List<spk.grammar.request.Request> requirements = node.get("requirements")
                .map(r -> problems.capture(() -> RequestReader.readList(r, problems))).orElse(List.of());
        List<EnvOp> environment = node.get("environment")
                .map(e -> problems.capture(() -> environment(e, problems))).orElse(List.of());
        List<spk.spec.model.EmbeddedPackageSpec> embedded = embeddedAllowed ? node.get("embedded")
                .map(e -> problems.capture(() -> EmbeddedReader.readList(e, problems))).orElse(List.of()) : List.of();
        List<ComponentSpec> components = node.get("components")
                .map(c -> problems.capture(() -> components(c, problems))).orElse(List.of());
        return new InstallSpec(requirements == null ? List.of() : requirements,
                environment == null ? List.of() : environment,
                ComponentLists.finish(components == null ? List.of() : components, embedded == null ? List.of() : embedded,
                        !source),
                embedded == null ? List.of() : embedded);
    }

    private static List<EnvOp> environment(YamlNode list, Problems problems) {
        List<EnvOp> out = new ArrayList<>();
        boolean priority = false;
        for (YamlNode n : list.items()) {
            EnvOp op = problems.capture(() -> envOp(n, problems));
            if (op instanceof EnvOp.Priority) {
                if (priority) {
                    problems.add(n.problem("only one 'priority' is allowed").problem());
                    continue;
                }
                priority = true;
            }
            if (op != null) {
                out.add(op);
            }
        }
        return out;
    }

    private static EnvOp envOp(YamlNode node, Problems problems) {
        if (node.has("priority")) {
            Keys.warnUnknown(node, Set.of("priority"), false, problems);
            int p = node.get("priority").orElseThrow(() -> node.problem("'priority' needs a number")).integer();
            if (p < 0 || p > 99) {
                throw node.get("priority").get().problem("a priority is between 0 and 99, found " + p);
            }
            return new EnvOp.Priority(p);
        }
        if (node.has("comment")) {
            Keys.warnUnknown(node, Set.of("comment"), false, problems);
            return new EnvOp.Comment(node.get("comment").map(YamlNode::string).orElse(""));
        }
        String value = node.get("value").map(YamlNode::string).orElse("");
        String separator = node.get("separator").map(YamlNode::string).orElse(EnvOp.DEFAULT_SEPARATOR);
        if (node.has("set")) {
            Keys.warnUnknown(node, Set.of("set", "value"), false, problems);
            return new EnvOp.Set(variable(node, "set"), value);
        }
        if (node.has("append")) {
            Keys.warnUnknown(node, Set.of("append", "value", "separator"), false, problems);
            return new EnvOp.Append(variable(node, "append"), value, separator);
        }
        if (node.has("prepend")) {
            Keys.warnUnknown(node, Set.of("prepend", "value", "separator"), false, problems);
            return new EnvOp.Prepend(variable(node, "prepend"), value, separator);
        }
        throw node.problem("an environment entry needs one of 'priority', 'comment', 'set', 'append' or 'prepend'");
    }

    private static String variable(YamlNode node, String key) {
        YamlNode v = node.get(key).orElseThrow(() -> node.problem("'" + key + "' needs a variable name"));
        String name = v.string();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw v.problem("'" + name + "' is not a valid environment variable name");
        }
        return name;
    }

    private static List<ComponentSpec> components(YamlNode list, Problems problems) {
        List<ComponentSpec> out = new ArrayList<>();
        Set<Component> names = new HashSet<>();
        for (YamlNode n : list.items()) {
            ComponentSpec c = problems.capture(() -> component(n, problems));
            if (c == null) {
                continue;
            }
            if (!names.add(c.name())) {
                problems.add(n.problem("component '" + c.name() + "' is defined twice").problem());
                continue;
            }
            out.add(c);
        }
        for (int i = 0; i < out.size(); i++) {
            YamlNode n = list.items().get(i);
            for (Component used : out.get(i).uses()) {
                if (!names.contains(used) && !used.equals(Component.BUILD) && !used.equals(Component.RUN)) {
                    problems.add(n.problem("component '" + out.get(i).name() + "' uses '" + used
                            + "', which is not defined").problem());
                }
            }
        }
        return out;
    }

    private static ComponentSpec component(YamlNode node, Problems problems) {
        Keys.warnUnknown(node, Set.of("name", "files", "uses", "requirements", "embedded", "file_match_mode"), false,
                problems);
        YamlNode nameNode = node.get("name").orElseThrow(() -> node.problem("a component needs a 'name'"));
        Component name = Values.parse(nameNode, Component::parse);
        if (name.equals(Component.ALL)) {
            throw nameNode.problem("'all' is reserved for requests and cannot name a component");
        }
        List<String> files = node.get("files").map(YamlNode::stringOrList).orElse(List.of());
        List<Component> uses = new ArrayList<>();
        node.get("uses").ifPresent(u -> {
            for (YamlNode c : u.items()) {
                uses.add(Values.parse(c, Component::parse));
            }
        });
        List<spk.grammar.request.Request> reqs = node.get("requirements")
                .map(r -> RequestReader.readList(r, problems)).orElse(List.of());
        List<ComponentEmbed> embedded = new ArrayList<>();
        node.get("embedded").ifPresent(e -> {
            for (YamlNode c : e.items()) {
                embedded.add(Values.parse(c, SectionReader::componentEmbed));
            }
        });
        ComponentSpec.FileMatchMode mode = node.get("file_match_mode")
                .map(m -> Values.choice(m, ComponentSpec.FileMatchMode::fromYaml, "All", "Remaining"))
                .orElse(ComponentSpec.FileMatchMode.ALL);
        return new ComponentSpec(name, files, uses, reqs, embedded, !node.has("embedded"), mode);
    }

    /** {@code pkg:comp[/version]} or {@code pkg:{a,b}[/version]}. */
    static ComponentEmbed componentEmbed(String text) {
        RangeIdent r = RangeIdent.parse(text);
        if (r.components().isEmpty()) {
            throw new IllegalArgumentException("expected pkg:component[/version], found '" + text + "'");
        }
        Optional<Version> v = Optional.empty();
        int slash = text.indexOf('/');
        if (slash >= 0) {
            v = Optional.of(Version.parse(text.substring(slash + 1)));
        }
        return new ComponentEmbed(r.name(), new TreeSet<>(r.components()), v);
    }

    // ---------------------------------------------------------------- tests

    static List<TestSpec> tests(YamlNode list, Problems problems) {
        List<TestSpec> out = new ArrayList<>();
        for (YamlNode n : list.items()) {
            TestSpec t = problems.capture(() -> test(n, problems));
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private static TestSpec test(YamlNode node, Problems problems) {
        Keys.warnUnknown(node, Set.of("stage", "script", "selectors", "requirements"), false, problems);
        YamlNode stageNode = node.get("stage").orElseThrow(() -> node.problem("a test needs a 'stage'"));
        TestSpec.Stage stage = Values.choice(stageNode, TestSpec.Stage::fromYaml, "sources", "build", "install");
        List<String> script = script(node.get("script"));
        List<Map<String, String>> selectors = new ArrayList<>();
        node.get("selectors").ifPresent(s -> {
            for (YamlNode sel : s.items()) {
                Map<String, String> m = new LinkedHashMap<>();
                for (YamlNode.Entry e : sel.entries()) {
                    m.put(e.key(), e.value().string());
                }
                selectors.add(m);
            }
        });
        List<spk.grammar.request.Request> reqs = node.get("requirements")
                .map(r -> RequestReader.readList(r, problems)).orElse(List.of());
        return new TestSpec(stage, script, selectors, reqs);
    }
}
