package spk.solver.repository.index;

import com.google.flatbuffers.FlatBufferBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spk.grammar.ident.Component;
import spk.grammar.ident.RangeIdent;
import spk.grammar.range.VersionRange;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.grammar.request.VarRequest;
import spk.grammar.request.VarSuppression;
import spk.spec.model.ComponentEmbed;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;
import spk.spec.model.EnvOp;
import spk.spec.model.Meta;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;
import spk.spec.model.SourceSpec;
import spk.spec.model.TestSpec;

/**
 * Writes a built spec as the tables of {@code docs/repo-index.fbs}. Every text is written once
 * per index ({@link FlatBufferBuilder#createSharedString}), so the reader parses each distinct
 * request, version or compat once however many builds share it.
 */
final class SpecEncoder {
    private final FlatBufferBuilder b;
    /** Each distinct range ident written once, as texts are. */
    private final Map<String, Integer> idents = new HashMap<>();

    SpecEncoder(FlatBufferBuilder b) {
        this.b = b;
    }

    int str(String s) {
        return b.createSharedString(s);
    }

    private int optStr(Optional<String> s) {
        return s.map(this::str).orElse(0);
    }

    int strings(List<String> list) {
        int[] offs = new int[list.size()];
        for (int i = 0; i < offs.length; i++) {
            offs[i] = str(list.get(i));
        }
        return vector(offs);
    }

    private int components(java.util.Collection<Component> comps) {
        return strings(comps.stream().map(Component::name).toList());
    }

    int vector(int[] offs) {
        b.startVector(4, offs.length, 4);
        for (int i = offs.length - 1; i >= 0; i--) {
            b.addOffset(offs[i]);
        }
        return b.endVector();
    }

    /** The spec's fields. */
    void fields(PackageSpec s, int[] into) {
        int[] sources = new int[s.sources().size()];
        for (int i = 0; i < sources.length; i++) {
            sources[i] = source(s.sources().get(i));
        }
        into[IndexSchema.SPEC_SOURCES] = vector(sources);
        int[] tests = new int[s.tests().size()];
        for (int i = 0; i < tests.length; i++) {
            tests[i] = test(s.tests().get(i));
        }
        into[IndexSchema.SPEC_TESTS] = vector(tests);
        into[IndexSchema.SPEC_BUILD] = str(s.pkg().build().toString());
        into[IndexSchema.SPEC_COMPAT] = str(s.compat().toString());
        into[IndexSchema.SPEC_META] = meta(s.meta());
        into[IndexSchema.SPEC_OPTIONS] = options(s.options());
        into[IndexSchema.SPEC_REQUIREMENTS] = requests(s.install().requirements());
        into[IndexSchema.SPEC_ENVIRONMENT] = environment(s.install().environment());
        into[IndexSchema.SPEC_COMPONENTS] = componentSpecs(s.install().components());
        int[] emb = new int[s.install().embedded().size()];
        for (int i = 0; i < emb.length; i++) {
            emb[i] = embedded(s.install().embedded().get(i));
        }
        into[IndexSchema.SPEC_EMBEDDED] = vector(emb);
    }

    private int source(SourceSpec src) {
        int kind;
        int a;
        int list1 = 0;
        int list2 = 0;
        int ref = 0;
        int depth = 0;
        if (src instanceof SourceSpec.Local l) {
            kind = 0;
            a = str(l.path());
            list1 = strings(l.exclude());
            list2 = strings(l.filter());
        } else if (src instanceof SourceSpec.Git g) {
            kind = 1;
            a = str(g.git());
            ref = optStr(g.ref());
            depth = g.depth();
        } else if (src instanceof SourceSpec.Tar t) {
            kind = 2;
            a = str(t.tar());
        } else {
            kind = 3;
            a = 0;
            list1 = strings(((SourceSpec.Script) src).script());
        }
        int subdir = optStr(src.subdir());
        b.startTable(7);
        b.addByte(0, (byte) kind, -1);
        addIf(1, a);
        addIf(2, list1);
        addIf(3, list2);
        addIf(4, ref);
        b.addInt(5, depth, -1);
        addIf(6, subdir);
        return b.endTable();
    }

    private int test(TestSpec t) {
        int script = strings(t.script());
        int[] selectors = new int[t.selectors().size()];
        for (int i = 0; i < selectors.length; i++) {
            Map<String, String> m = t.selectors().get(i);
            int keys = strings(List.copyOf(m.keySet()));
            int values = strings(List.copyOf(m.values()));
            b.startTable(2);
            b.addOffset(0, keys, 0);
            b.addOffset(1, values, 0);
            selectors[i] = b.endTable();
        }
        int sel = vector(selectors);
        int reqs = requests(t.requirements());
        b.startTable(4);
        b.addByte(0, (byte) t.stage().ordinal(), -1);
        b.addOffset(1, script, 0);
        b.addOffset(2, sel, 0);
        b.addOffset(3, reqs, 0);
        return b.endTable();
    }

    private int meta(Meta m) {
        if (m.isEmpty()) {
            return 0;
        }
        int d = optStr(m.description());
        int h = optStr(m.homepage());
        int l = optStr(m.license());
        int keys = strings(List.copyOf(m.labels().keySet()));
        int values = strings(List.copyOf(m.labels().values()));
        b.startTable(5);
        addIf(0, d);
        addIf(1, h);
        addIf(2, l);
        b.addOffset(3, keys, 0);
        b.addOffset(4, values, 0);
        return b.endTable();
    }

    private void addIf(int slot, int off) {
        if (off != 0) {
            b.addOffset(slot, off, 0);
        }
    }

    private int options(List<Opt> opts) {
        int[] out = new int[opts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = option(opts.get(i));
        }
        return vector(out);
    }

    private int option(Opt o) {
        if (o instanceof Opt.Var v) {
            int name = str(v.var().value());
            int def = str(v.defaultValue());
            int choices = strings(v.choices());
            int desc = optStr(v.description());
            int compat = v.compat().map(c -> str(c.toString())).orElse(0);
            int stat = optStr(v.staticValue());
            b.startTable(11);
            b.addByte(0, (byte) 0, -1);
            b.addOffset(1, name, 0);
            b.addOffset(2, def, 0);
            b.addOffset(3, choices, 0);
            b.addByte(4, (byte) v.inheritance().ordinal(), -1);
            addIf(5, desc);
            addIf(6, compat);
            b.addBoolean(7, v.required(), false);
            addIf(8, stat);
            return b.endTable();
        }
        Opt.Pkg p = (Opt.Pkg) o;
        int name = str(p.pkg().value());
        int def = str(p.defaultRange());
        int stat = optStr(p.staticValue());
        int comps = components(p.components());
        b.startTable(11);
        b.addByte(0, (byte) 1, -1);
        b.addOffset(1, name, 0);
        b.addOffset(2, def, 0);
        addIf(8, stat);
        b.addOffset(9, comps, 0);
        b.addByte(10, (byte) (int) p.prereleasePolicy().map(x -> x.ordinal() + 1).orElse(0), -1);
        return b.endTable();
    }

    int requests(List<Request> reqs) {
        int[] out = new int[reqs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = request(reqs.get(i));
        }
        return vector(out);
    }

    private int request(Request r) {
        if (r instanceof PkgRequest p) {
            int ident = rangeIdent(p.pkg());
            int pin = optStr(p.pin());
            b.startTable(IndexSchema.REQUEST_FIELDS);
            b.addByte(IndexSchema.REQUEST_KIND, (byte) 0, -1);
            b.addByte(2, (byte) (int) p.prereleasePolicy().map(x -> x.ordinal() + 1).orElse(0), -1);
            b.addByte(3, (byte) p.inclusionPolicy().ordinal(), -1);
            addIf(4, pin);
            b.addBoolean(5, p.ifPresentInBuildEnv(), false);
            b.addOffset(IndexSchema.REQUEST_IDENT, ident, 0);
            return b.endTable();
        }
        if (r instanceof VarRequest v) {
            int name = str(v.var().value());
            int value = str(v.value());
            int desc = optStr(v.description());
            b.startTable(IndexSchema.REQUEST_FIELDS);
            b.addByte(0, (byte) 1, -1);
            b.addOffset(1, name, 0);
            b.addBoolean(5, v.ifPresentInBuildEnv(), false);
            b.addOffset(6, value, 0);
            b.addBoolean(7, v.fromBuildEnv(), false);
            addIf(8, desc);
            return b.endTable();
        }
        VarSuppression s = (VarSuppression) r;
        int name = str(s.var().value());
        int reason = str(s.reason());
        b.startTable(IndexSchema.REQUEST_FIELDS);
        b.addByte(0, (byte) 2, -1);
        b.addOffset(1, name, 0);
        b.addOffset(6, reason, 0);
        return b.endTable();
    }

    private int rangeIdent(RangeIdent id) {
        String key = id.toSerialized();
        Integer done = idents.get(key);
        if (done != null) {
            return done;
        }
        int name = str(id.name().value());
        int comps = components(id.components());
        int repo = optStr(id.repository().map(Object::toString));
        int build = optStr(id.build().map(Object::toString));
        List<VersionRange> rules = id.version().rules();
        int[] ruleOffs = new int[rules.size()];
        for (int i = 0; i < ruleOffs.length; i++) {
            ruleOffs[i] = rangeRule(rules.get(i));
        }
        int rulesVec = vector(ruleOffs);
        b.startTable(IndexSchema.IDENT_FIELDS);
        b.addOffset(IndexSchema.IDENT_NAME, name, 0);
        b.addOffset(IndexSchema.IDENT_COMPONENTS, comps, 0);
        addIf(IndexSchema.IDENT_REPOSITORY, repo);
        addIf(IndexSchema.IDENT_BUILD, build);
        b.addOffset(IndexSchema.IDENT_RULES, rulesVec, 0);
        int off = b.endTable();
        idents.put(key, off);
        return off;
    }

    private int rangeRule(VersionRange r) {
        RangeRuleKind.Written w = RangeRuleKind.of(r);
        int version = w.version() == null ? 0 : str(w.version().toSerialized());
        int text = w.version() == null ? str(r.toSerialized()) : 0;
        int required = r instanceof spk.grammar.range.CompatRange c ? c.required().map(x -> x.ordinal() + 1).orElse(0) : 0;
        b.startTable(IndexSchema.RULE_FIELDS);
        b.addByte(IndexSchema.RULE_KIND, (byte) w.kind().ordinal(), -1);
        addIf(IndexSchema.RULE_VERSION, version);
        b.addByte(IndexSchema.RULE_REQUIRED, (byte) required, 0);
        addIf(IndexSchema.RULE_TEXT, text);
        return b.endTable();
    }

    private int environment(List<EnvOp> ops) {
        int[] out = new int[ops.size()];
        for (int i = 0; i < out.length; i++) {
            EnvOp op = ops.get(i);
            int kind;
            int a = 0;
            int v = 0;
            int sep = 0;
            int priority = 0;
            if (op instanceof EnvOp.Priority p) {
                kind = 0;
                priority = p.priority();
            } else if (op instanceof EnvOp.Comment c) {
                kind = 1;
                a = str(c.comment());
            } else if (op instanceof EnvOp.Set s) {
                kind = 2;
                a = str(s.set());
                v = str(s.value());
            } else if (op instanceof EnvOp.Append ap) {
                kind = 3;
                a = str(ap.append());
                v = str(ap.value());
                sep = str(ap.separator());
            } else {
                EnvOp.Prepend pp = (EnvOp.Prepend) op;
                kind = 4;
                a = str(pp.prepend());
                v = str(pp.value());
                sep = str(pp.separator());
            }
            b.startTable(5);
            b.addByte(0, (byte) kind, -1);
            addIf(1, a);
            addIf(2, v);
            addIf(3, sep);
            b.addInt(4, priority, 0);
            out[i] = b.endTable();
        }
        return vector(out);
    }

    private int componentSpecs(List<ComponentSpec> comps) {
        int[] out = new int[comps.size()];
        for (int i = 0; i < out.length; i++) {
            ComponentSpec c = comps.get(i);
            int name = str(c.name().name());
            int files = strings(c.files());
            int uses = components(c.uses());
            int reqs = requests(c.requirements());
            int[] embeds = new int[c.embedded().size()];
            for (int j = 0; j < embeds.length; j++) {
                embeds[j] = componentEmbed(c.embedded().get(j));
            }
            int emb = vector(embeds);
            b.startTable(7);
            b.addOffset(0, name, 0);
            b.addOffset(1, files, 0);
            b.addOffset(2, uses, 0);
            b.addOffset(3, reqs, 0);
            b.addOffset(4, emb, 0);
            b.addBoolean(5, c.embeddedFabricated(), false);
            b.addByte(6, (byte) c.fileMatchMode().ordinal(), -1);
            out[i] = b.endTable();
        }
        return vector(out);
    }

    private int componentEmbed(ComponentEmbed e) {
        int pkg = str(e.pkg().value());
        int comps = components(e.components());
        int version = e.version().map(v -> str(v.toSerialized())).orElse(0);
        b.startTable(3);
        b.addOffset(0, pkg, 0);
        b.addOffset(1, comps, 0);
        addIf(2, version);
        return b.endTable();
    }

    private int embedded(EmbeddedPackageSpec e) {
        int ident = str(e.pkg().toSerialized());
        int meta = meta(e.meta());
        int compat = str(e.compat().toString());
        int opts = options(e.options());
        int reqs = requests(e.requirements());
        int comps = componentSpecs(e.components());
        b.startTable(6);
        b.addOffset(0, ident, 0);
        addIf(1, meta);
        b.addOffset(2, compat, 0);
        b.addOffset(3, opts, 0);
        b.addOffset(4, reqs, 0);
        b.addOffset(5, comps, 0);
        return b.endTable();
    }
}
