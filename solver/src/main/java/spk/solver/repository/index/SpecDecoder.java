package spk.solver.repository.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import spk.grammar.build.Build;
import spk.grammar.compat.Compat;
import spk.grammar.compat.CompatRule;
import spk.grammar.ident.BuildIdent;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.name.OptName;
import spk.grammar.name.PkgName;
import spk.grammar.name.RepositoryName;
import spk.grammar.range.VersionFilter;
import spk.grammar.range.VersionRange;
import spk.grammar.range.WildcardRange;
import spk.grammar.request.InclusionPolicy;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.PreReleasePolicy;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.grammar.request.VarSuppression;
import spk.grammar.version.Version;
import spk.spec.model.ComponentEmbed;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;
import spk.spec.model.EnvOp;
import spk.spec.model.InstallSpec;
import spk.spec.model.Inheritance;
import spk.spec.model.Meta;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.SourceSpec;
import spk.spec.model.TestSpec;

/**
 * Turns the spec tables of one index back into specs. Texts written once in the index are parsed
 * once here (memoised by their position), so the grammar runs per distinct request, not per
 * build. Not thread-safe: one decoder per repository, used under its lock.
 */
final class SpecDecoder {
    private final Map<Integer, Object> versions = new HashMap<>();
    private final Map<Integer, Object> ranges = new HashMap<>();
    private final Map<Integer, RangeIdent> rangeIdents = new HashMap<>();
    private final Map<Integer, Object> compats = new HashMap<>();
    private final Map<Integer, Object> builds = new HashMap<>();
    private final Map<Integer, Object> idents = new HashMap<>();
    private final Map<Integer, Object> names = new HashMap<>();

    @SuppressWarnings("unchecked")
    private static <T> T memo(Map<Integer, Object> cache, FlatTable t, int pos, Function<String, T> parse) {
        Object v = cache.get(pos);
        if (v == null) {
            v = parse.apply(t.stringAt(pos));
            cache.put(pos, v);
        }
        return (T) v;
    }

    private String required(FlatTable t, int slot) {
        String s = t.string(slot);
        if (s == null) {
            throw new CorruptIndexException("a required field is missing");
        }
        return s;
    }

    private int requiredPos(FlatTable t, int slot) {
        int p = t.stringPos(slot);
        if (p == 0) {
            throw new CorruptIndexException("a required field is missing");
        }
        return p;
    }

    Version version(FlatTable t, int slot) {
        return memo(versions, t, requiredPos(t, slot), Version::parse);
    }

    private static <E extends Enum<E>> E enumAt(E[] values, int ordinal) {
        if (ordinal < 0 || ordinal >= values.length) {
            throw new CorruptIndexException("an enumeration value is out of range");
        }
        return values[ordinal];
    }

    private static Build build(String text) {
        if (Build.Digest.isDigest(text)) {
            return new Build.Digest(text);
        }
        return text.equals("src") ? Build.SOURCE : Build.parse(text);
    }

    /** The structured spec of {@code name}/{@code version} held by a spec table. */
    PackageSpec spec(FlatTable t, PkgName name, Version version) {
        Build b = memo(builds, t, requiredPos(t, IndexSchema.SPEC_BUILD), SpecDecoder::build);
        BuildIdent ident = new BuildIdent(name, version, b);
        List<EmbeddedPackageSpec> embedded = new ArrayList<>();
        for (int i = 0; i < t.length(IndexSchema.SPEC_EMBEDDED); i++) {
            embedded.add(embedded(t.tableAt(IndexSchema.SPEC_EMBEDDED, i)));
        }
        InstallSpec install = new InstallSpec(requests(t, IndexSchema.SPEC_REQUIREMENTS),
                environment(t), components(t, IndexSchema.SPEC_COMPONENTS), embedded);
        List<SourceSpec> sources = new ArrayList<>();
        for (int i = 0; i < t.length(IndexSchema.SPEC_SOURCES); i++) {
            sources.add(source(t.tableAt(IndexSchema.SPEC_SOURCES, i)));
        }
        List<TestSpec> tests = new ArrayList<>();
        for (int i = 0; i < t.length(IndexSchema.SPEC_TESTS); i++) {
            tests.add(test(t.tableAt(IndexSchema.SPEC_TESTS, i)));
        }
        return new PackageSpec(ident, meta(t.table(IndexSchema.SPEC_META)), compat(t, IndexSchema.SPEC_COMPAT),
                t.bool(IndexSchema.SPEC_DEPRECATED), sources, options(t, IndexSchema.SPEC_OPTIONS), install, tests);
    }

    private SourceSpec source(FlatTable s) {
        Optional<String> subdir = Optional.ofNullable(s.string(6));
        return switch (s.u8(0)) {
            case 0 -> new SourceSpec.Local(required(s, 1), strings(s, 2), strings(s, 3), subdir);
            case 1 -> new SourceSpec.Git(required(s, 1), Optional.ofNullable(s.string(4)), s.i32(5, -1), subdir);
            case 2 -> new SourceSpec.Tar(required(s, 1), subdir);
            case 3 -> new SourceSpec.Script(strings(s, 2), subdir);
            default -> throw new CorruptIndexException("an unknown kind of source");
        };
    }

    private TestSpec test(FlatTable t) {
        List<Map<String, String>> selectors = new ArrayList<>();
        for (int i = 0; i < t.length(2); i++) {
            FlatTable sel = t.tableAt(2, i);
            if (sel.length(0) != sel.length(1)) {
                throw new CorruptIndexException("a test selector's names and values differ in number");
            }
            Map<String, String> m = new java.util.LinkedHashMap<>();
            for (int j = 0; j < sel.length(0); j++) {
                m.put(sel.stringAt(0, j), sel.stringAt(1, j));
            }
            selectors.add(m);
        }
        return new TestSpec(enumAt(TestSpec.Stage.values(), t.u8(0)), strings(t, 1), selectors, requests(t, 3));
    }

    private Compat compat(FlatTable t, int slot) {
        return memo(compats, t, requiredPos(t, slot), Compat::parse);
    }

    private Meta meta(FlatTable m) {
        if (m == null) {
            return Meta.EMPTY;
        }
        int n = m.length(3);
        if (m.length(4) != n) {
            throw new CorruptIndexException("labels and their values differ in number");
        }
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            labels.put(m.stringAt(3, i), m.stringAt(4, i));
        }
        return new Meta(Optional.ofNullable(m.string(0)), Optional.ofNullable(m.string(1)),
                Optional.ofNullable(m.string(2)), labels);
    }

    private List<String> strings(FlatTable t, int slot) {
        List<String> out = new ArrayList<>(t.length(slot));
        for (int i = 0; i < t.length(slot); i++) {
            out.add(t.stringAt(slot, i));
        }
        return out;
    }

    private TreeSet<Component> componentSet(FlatTable t, int slot) {
        TreeSet<Component> out = new TreeSet<>();
        for (int i = 0; i < t.length(slot); i++) {
            out.add(memo(names, t, t.stringPosAt(slot, i), Component::parse));
        }
        return out;
    }

    private List<Opt> options(FlatTable t, int slot) {
        List<Opt> out = new ArrayList<>(t.length(slot));
        for (int i = 0; i < t.length(slot); i++) {
            FlatTable o = t.tableAt(slot, i);
            String name = required(o, 1);
            Optional<String> stat = Optional.ofNullable(o.string(8));
            if (o.u8(0) == 0) {
                Optional<Compat> compat = o.has(6) ? Optional.of(compat(o, 6)) : Optional.empty();
                out.add(new Opt.Var(OptName.parse(name), required(o, 2), strings(o, 3),
                        enumAt(Inheritance.values(), o.u8(4)), Optional.ofNullable(o.string(5)), compat, o.bool(7),
                        stat));
            } else {
                out.add(new Opt.Pkg(PkgName.parse(name), componentSet(o, 9), required(o, 2), prerelease(o.u8(10)),
                        stat));
            }
        }
        return out;
    }

    /** A request's ident from its fields, each distinct one read once; no grammar runs but for versions. */
    private RangeIdent rangeIdent(FlatTable t) {
        if (t == null) {
            throw new CorruptIndexException("a package request without its ident");
        }
        RangeIdent done = rangeIdents.get(t.position());
        if (done != null) {
            return done;
        }
        List<VersionRange> rules = new ArrayList<>(t.length(IndexSchema.IDENT_RULES));
        for (int i = 0; i < t.length(IndexSchema.IDENT_RULES); i++) {
            FlatTable r = t.tableAt(IndexSchema.IDENT_RULES, i);
            RangeRuleKind kind = enumAt(RangeRuleKind.values(), r.u8(IndexSchema.RULE_KIND));
            if (kind == RangeRuleKind.WILDCARD) {
                rules.add(memo(ranges, r, requiredPos(r, IndexSchema.RULE_TEXT), SpecDecoder::wildcard));
            } else {
                int required = r.u8(IndexSchema.RULE_REQUIRED);
                rules.add(kind.rule(version(r, IndexSchema.RULE_VERSION), required == 0 ? Optional.empty()
                        : Optional.of(enumAt(CompatRule.values(), required - 1))));
            }
        }
        String repo = t.string(IndexSchema.IDENT_REPOSITORY);
        String build = t.string(IndexSchema.IDENT_BUILD);
        RangeIdent ident = new RangeIdent(Optional.ofNullable(repo).map(RepositoryName::parse),
                PkgName.parse(required(t, IndexSchema.IDENT_NAME)), componentSet(t, IndexSchema.IDENT_COMPONENTS),
                new VersionFilter(rules), Optional.ofNullable(build).map(SpecDecoder::build));
        rangeIdents.put(t.position(), ident);
        return ident;
    }

    private static WildcardRange wildcard(String text) {
        if (VersionRange.parse(text) instanceof WildcardRange w) {
            return w;
        }
        throw new CorruptIndexException("a wildcard rule that is not one");
    }

    private static Optional<PreReleasePolicy> prerelease(int code) {
        return code == 0 ? Optional.empty() : Optional.of(enumAt(PreReleasePolicy.values(), code - 1));
    }

    private List<Request> requests(FlatTable t, int slot) {
        List<Request> out = new ArrayList<>(t.length(slot));
        for (int i = 0; i < t.length(slot); i++) {
            FlatTable r = t.tableAt(slot, i);
            int kind = r.u8(0);
            if (kind == 0) {
                RangeIdent ident = rangeIdent(r.table(IndexSchema.REQUEST_IDENT));
                out.add(new PkgRequest(ident, prerelease(r.u8(2)), enumAt(InclusionPolicy.values(), r.u8(3)),
                        Optional.ofNullable(r.string(4)), r.bool(5)));
            } else if (kind == 1) {
                out.add(new VarRequest(OptName.parse(required(r, 1)), required(r, 6), r.bool(7), r.bool(5),
                        Optional.ofNullable(r.string(8))));
            } else if (kind == 2) {
                out.add(new VarSuppression(OptName.parse(required(r, 1)), required(r, 6)));
            } else {
                throw new CorruptIndexException("an unknown kind of request");
            }
        }
        return out;
    }

    private List<EnvOp> environment(FlatTable t) {
        int slot = IndexSchema.SPEC_ENVIRONMENT;
        List<EnvOp> out = new ArrayList<>(t.length(slot));
        for (int i = 0; i < t.length(slot); i++) {
            FlatTable e = t.tableAt(slot, i);
            out.add(switch (e.u8(0)) {
                case 0 -> new EnvOp.Priority(e.i32(4, 0));
                case 1 -> new EnvOp.Comment(required(e, 1));
                case 2 -> new EnvOp.Set(required(e, 1), required(e, 2));
                case 3 -> new EnvOp.Append(required(e, 1), required(e, 2), required(e, 3));
                case 4 -> new EnvOp.Prepend(required(e, 1), required(e, 2), required(e, 3));
                default -> throw new CorruptIndexException("an unknown kind of environment operation");
            });
        }
        return out;
    }

    private List<ComponentSpec> components(FlatTable t, int slot) {
        List<ComponentSpec> out = new ArrayList<>(t.length(slot));
        for (int i = 0; i < t.length(slot); i++) {
            FlatTable c = t.tableAt(slot, i);
            List<ComponentEmbed> embeds = new ArrayList<>();
            for (int j = 0; j < c.length(4); j++) {
                FlatTable e = c.tableAt(4, j);
                Optional<Version> v = e.has(2) ? Optional.of(version(e, 2)) : Optional.empty();
                embeds.add(new ComponentEmbed(PkgName.parse(required(e, 0)), componentSet(e, 1), v));
            }
            out.add(new ComponentSpec(memo(names, c, requiredPos(c, 0), Component::parse), strings(c, 1),
                    componentList(c, 2),
                    requests(c, 3), embeds, c.bool(5),
                    enumAt(ComponentSpec.FileMatchMode.values(), c.u8(6))));
        }
        return out;
    }

    private List<Component> componentList(FlatTable t, int slot) {
        List<Component> out = new ArrayList<>(t.length(slot));
        for (int i = 0; i < t.length(slot); i++) {
            out.add(memo(names, t, t.stringPosAt(slot, i), Component::parse));
        }
        return out;
    }

    private EmbeddedPackageSpec embedded(FlatTable e) {
        BuildIdent ident = memo(idents, e, requiredPos(e, 0), BuildIdent::parse);
        return new EmbeddedPackageSpec(ident, meta(e.table(1)), compat(e, 2), options(e, 3), requests(e, 4),
                components(e, 5));
    }
}
