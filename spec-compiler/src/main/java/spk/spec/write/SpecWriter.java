package spk.spec.write;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import spk.grammar.build.Build;
import spk.grammar.compat.Compat;
import spk.grammar.ident.Component;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.grammar.request.VarSuppression;
import spk.spec.model.AutoHostVars;
import spk.spec.model.BuildSpec;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;
import spk.spec.model.EnvOp;
import spk.spec.model.Inheritance;
import spk.spec.model.InstallSpec;
import spk.spec.model.Meta;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.Recipe;
import spk.spec.model.SourceSpec;
import spk.spec.model.TestSpec;
import spk.spec.model.ValidationRule;
import spk.spec.model.VariantSpec;

/**
 * Writes specs as YAML in SPK's {@code v0/package} form, leaving out fields at their defaults;
 * reading the text back gives an equal spec.
 */
public final class SpecWriter {
    private SpecWriter() {}

    /** The YAML of a built package spec, as a repository stores it. */
    public static String write(PackageSpec spec) {
        return dump(toMap(spec));
    }

    /** The YAML of a recipe. */
    public static String write(Recipe recipe) {
        return dump(toMap(recipe));
    }

    /** Dumps plain maps and lists as block-style YAML. */
    public static String dump(Object data) {
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(0).setWidth(120).build();
        return new Dump(settings).dumpToString(data);
    }

    /** Any spec as plain maps and lists, ready for YAML or JSON. */
    public static Map<String, Object> toMap(spk.spec.model.SpecFile spec) {
        if (spec instanceof PackageSpec p) {
            return toMap(p);
        }
        if (spec instanceof Recipe r) {
            return toMap(r);
        }
        if (spec instanceof spk.spec.model.RequirementsFile f) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("api", "v0/requirements");
            m.put("requirements", requests(f.requirements()));
            if (!f.options().isEmpty()) {
                m.put("options", new LinkedHashMap<>(f.options().entries()));
            }
            return m;
        }
        spk.spec.model.Platform p = (spk.spec.model.Platform) spec;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api", p.api().yamlName());
        m.put("platform", p.platform().name() + "/" + p.platform().version().toSerialized());
        header(m, p.meta(), p.compat(), p.deprecated());
        if (!p.bases().isEmpty()) {
            List<String> bases = p.bases().stream().map(b -> b.name() + "/" + b.version().toSerialized()).toList();
            m.put("base", p.api() == spk.spec.model.Platform.Api.V0 ? bases.get(0) : bases);
        }
        List<Object> reqs = new ArrayList<>();
        for (spk.spec.model.Platform.Requirement r : p.requirements()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            if (r.target() instanceof spk.spec.model.Platform.Target.Pkg t) {
                rm.put("pkg", t.name().value());
            } else {
                rm.put("var", ((spk.spec.model.Platform.Target.Var) r.target()).name().value());
            }
            r.atBuild().ifPresent(c -> rm.put("atBuild", constraint(c)));
            r.atRuntime().ifPresent(c -> rm.put("atRuntime", constraint(c)));
            reqs.add(rm);
        }
        m.put("requirements", reqs);
        return m;
    }

    private static Object constraint(spk.spec.model.Platform.Constraint c) {
        return c instanceof spk.spec.model.Platform.Constraint.Value v ? v.value() : (Object) Boolean.FALSE;
    }

    public static Map<String, Object> toMap(PackageSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api", "v0/package");
        m.put("pkg", spec.pkg().toSerialized());
        header(m, spec.meta(), spec.compat(), spec.deprecated());
        if (!spec.sources().isEmpty()) {
            m.put("sources", sources(spec.sources()));
        }
        if (!spec.options().isEmpty()) {
            m.put("build", Map.of("options", options(spec.options())));
        }
        if (!spec.tests().isEmpty()) {
            m.put("tests", tests(spec.tests()));
        }
        m.put("install", install(spec.install()));
        return m;
    }

    public static Map<String, Object> toMap(Recipe recipe) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("api", "v0/package");
        m.put("pkg", recipe.pkg().name() + "/" + recipe.pkg().version().toSerialized());
        header(m, recipe.meta(), recipe.compat(), recipe.deprecated());
        m.put("sources", sources(recipe.sources()));
        m.put("build", build(recipe.build()));
        if (!recipe.tests().isEmpty()) {
            m.put("tests", tests(recipe.tests()));
        }
        m.put("install", install(recipe.install()));
        return m;
    }

    private static void header(Map<String, Object> m, Meta meta, Compat compat, boolean deprecated) {
        if (!meta.isEmpty()) {
            m.put("meta", meta(meta));
        }
        if (!compat.equals(Compat.DEFAULT)) {
            m.put("compat", compat.toString());
        }
        if (deprecated) {
            m.put("deprecated", true);
        }
    }

    private static Map<String, Object> meta(Meta meta) {
        Map<String, Object> m = new LinkedHashMap<>();
        meta.description().ifPresent(d -> m.put("description", d));
        meta.homepage().ifPresent(d -> m.put("homepage", d));
        meta.license().ifPresent(d -> m.put("license", d));
        if (!meta.labels().isEmpty()) {
            m.put("labels", new LinkedHashMap<>(meta.labels()));
        }
        return m;
    }

    private static List<Object> sources(List<SourceSpec> sources) {
        List<Object> out = new ArrayList<>();
        for (SourceSpec s : sources) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (s instanceof SourceSpec.Local l) {
                m.put("path", l.path());
                if (!l.exclude().equals(SourceSpec.Local.DEFAULT_EXCLUDE)) {
                    m.put("exclude", l.exclude());
                }
                if (!l.filter().equals(SourceSpec.Local.DEFAULT_FILTER)) {
                    m.put("filter", l.filter());
                }
            } else if (s instanceof SourceSpec.Git g) {
                m.put("git", g.git());
                g.ref().ifPresent(r -> m.put("ref", r));
                if (g.depth() != 1) {
                    m.put("depth", g.depth());
                }
            } else if (s instanceof SourceSpec.Tar t) {
                m.put("tar", t.tar());
            } else if (s instanceof SourceSpec.Script sc) {
                m.put("script", sc.script());
            }
            s.subdir().ifPresent(d -> m.put("subdir", d));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> build(BuildSpec b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("script", b.script());
        if (!b.options().isEmpty()) {
            m.put("options", options(b.options()));
        }
        if (!b.variants().isEmpty()) {
            List<Object> vs = new ArrayList<>();
            for (VariantSpec v : b.variants()) {
                vs.add(new LinkedHashMap<>(v.entries()));
            }
            m.put("variants", vs);
        }
        if (!b.validation().isDefault()) {
            Map<String, Object> v = new LinkedHashMap<>();
            if (!b.validation().rules().isEmpty()) {
                List<Object> rules = new ArrayList<>();
                for (ValidationRule r : b.validation().rules()) {
                    Map<String, Object> rm = new LinkedHashMap<>();
                    rm.put(r.verb().yamlName(), r.kind().name());
                    if (!r.packages().isEmpty()) {
                        rm.put("packages", r.packages());
                    }
                    r.action().ifPresent(a -> rm.put("action", a));
                    rules.add(rm);
                }
                v.put("rules", rules);
            }
            if (!b.validation().disabled().isEmpty()) {
                v.put("disabled", b.validation().disabled());
            }
            m.put("validation", v);
        }
        if (b.autoHostVars() != AutoHostVars.DISTRO) {
            m.put("auto_host_vars", b.autoHostVars().yamlName());
        }
        return m;
    }

    public static List<Object> options(List<Opt> options) {
        List<Object> out = new ArrayList<>();
        for (Opt o : options) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (o instanceof Opt.Var v) {
                m.put("var", v.defaultValue().isEmpty() ? v.var().value() : v.var() + "/" + v.defaultValue());
                if (!v.choices().isEmpty()) {
                    m.put("choices", v.choices());
                }
                if (v.inheritance() != Inheritance.WEAK) {
                    m.put("inheritance", v.inheritance().yamlName());
                }
                v.description().ifPresent(d -> m.put("description", d));
                v.compat().ifPresent(c -> m.put("compat", c.toString()));
                if (v.required()) {
                    m.put("required", true);
                }
                v.staticValue().ifPresent(s -> m.put("static", s));
            } else {
                Opt.Pkg p = (Opt.Pkg) o;
                m.put("pkg", p.defaultRange().isEmpty() ? p.nameWithComponents()
                        : p.nameWithComponents() + "/" + p.defaultRange());
                p.prereleasePolicy().ifPresent(pp -> m.put("prereleasePolicy", pp.yamlName()));
                p.staticValue().ifPresent(s -> m.put("static", s));
            }
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> install(InstallSpec install) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!install.requirements().isEmpty()) {
            m.put("requirements", requests(install.requirements()));
        }
        if (!install.embedded().isEmpty()) {
            List<Object> embedded = new ArrayList<>();
            for (EmbeddedPackageSpec e : install.embedded()) {
                embedded.add(embedded(e));
            }
            m.put("embedded", embedded);
        }
        m.put("components", components(install.components()));
        if (!install.environment().isEmpty()) {
            m.put("environment", environment(install.environment()));
        }
        return m;
    }

    private static Map<String, Object> embedded(EmbeddedPackageSpec e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pkg", e.pkg().build().equals(Build.Embedded.UNKNOWN)
                ? e.pkg().name() + "/" + e.pkg().version().toSerialized() : e.pkg().toSerialized());
        header(m, e.meta(), e.compat(), false);
        if (!e.options().isEmpty()) {
            m.put("build", Map.of("options", options(e.options())));
        }
        Map<String, Object> install = new LinkedHashMap<>();
        if (!e.requirements().isEmpty()) {
            install.put("requirements", requests(e.requirements()));
        }
        install.put("components", components(e.components()));
        m.put("install", install);
        return m;
    }

    public static List<Object> requests(List<Request> requests) {
        List<Object> out = new ArrayList<>();
        for (Request r : requests) {
            out.add(request(r));
        }
        return out;
    }

    public static Map<String, Object> request(Request r) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (r instanceof PkgRequest p) {
            m.put("pkg", p.pkg().toSerialized());
            p.prereleasePolicy().ifPresent(pp -> m.put("prereleasePolicy", pp.yamlName()));
            if (p.inclusionPolicy() != InclusionPolicy.ALWAYS) {
                m.put("include", p.inclusionPolicy().yamlName());
            }
            p.pin().ifPresent(pin -> m.put("fromBuildEnv", pin));
            if (p.ifPresentInBuildEnv()) {
                m.put("ifPresentInBuildEnv", true);
            }
        } else if (r instanceof VarRequest v) {
            if (v.fromBuildEnv()) {
                m.put("var", v.var().value());
                m.put("fromBuildEnv", true);
                if (v.ifPresentInBuildEnv()) {
                    m.put("ifPresentInBuildEnv", true);
                }
            } else {
                m.put("var", v.var() + "/" + v.value());
            }
            v.description().ifPresent(d -> m.put("description", d));
        } else if (r instanceof VarSuppression s) {
            m.put("var", s.var().value());
            m.put("suppress", s.reason());
        }
        return m;
    }

    private static List<Object> components(List<ComponentSpec> components) {
        List<Object> out = new ArrayList<>();
        for (ComponentSpec c : components) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name().name());
            m.put("files", c.files());
            if (!c.uses().isEmpty()) {
                m.put("uses", c.uses().stream().map(Component::name).toList());
            }
            if (!c.requirements().isEmpty()) {
                m.put("requirements", requests(c.requirements()));
            }
            if (!c.embeddedFabricated()) {
                m.put("embedded", c.embedded().stream().map(Object::toString).toList());
            }
            if (c.fileMatchMode() != ComponentSpec.FileMatchMode.ALL) {
                m.put("file_match_mode", c.fileMatchMode().yamlName());
            }
            out.add(m);
        }
        return out;
    }

    private static List<Object> environment(List<EnvOp> ops) {
        List<Object> out = new ArrayList<>();
        for (EnvOp op : ops) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (op instanceof EnvOp.Priority p) {
                m.put("priority", p.priority());
            } else if (op instanceof EnvOp.Comment c) {
                m.put("comment", c.comment());
            } else if (op instanceof EnvOp.Set s) {
                m.put("set", s.set());
                m.put("value", s.value());
            } else if (op instanceof EnvOp.Append a) {
                m.put("append", a.append());
                m.put("value", a.value());
                if (!a.separator().equals(EnvOp.DEFAULT_SEPARATOR)) {
                    m.put("separator", a.separator());
                }
            } else if (op instanceof EnvOp.Prepend p) {
                m.put("prepend", p.prepend());
                m.put("value", p.value());
                if (!p.separator().equals(EnvOp.DEFAULT_SEPARATOR)) {
                    m.put("separator", p.separator());
                }
            }
            out.add(m);
        }
        return out;
    }

    private static List<Object> tests(List<TestSpec> tests) {
        List<Object> out = new ArrayList<>();
        for (TestSpec t : tests) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", t.stage().yamlName());
            m.put("script", t.script());
            if (!t.selectors().isEmpty()) {
                m.put("selectors", t.selectors().stream().map(LinkedHashMap::new).toList());
            }
            if (!t.requirements().isEmpty()) {
                m.put("requirements", requests(t.requirements()));
            }
            out.add(m);
        }
        return out;
    }
}
