package spk.solver.compile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import spk.constraint.ConstraintModel;
import spk.grammar.build.Build;
import spk.grammar.compat.Compatibility;
import spk.grammar.ident.Component;
import spk.spec.model.ComponentSpec;
import spk.spec.model.PackageSpec;

/**
 * SPK's ComponentsValidator: a build satisfies a request only if it defines (and published)
 * every component asked for, after {@code all} and {@code uses} are expanded. In the model, a
 * component that changes what else must hold (it has requirements or embeds packages, or uses
 * one that does) gets a variable "this component is used", implied by requests that ask for it
 * and implying the components it uses.
 */
final class ComponentsRule {
    private ComponentsRule() {}

    /** Rejects a build that lacks a component the request needs. */
    static Compatibility check(SharedRequest r, CandidateInfo c) {
        Set<Component> missing = new TreeSet<>(requiredComponents(r, c));
        missing.removeAll(c.available);
        if (!missing.isEmpty()) {
            return Compatibility.incompatible("does not define requested components: " + missing + "; found "
                    + new TreeSet<>(c.available));
        }
        return Compatibility.COMPATIBLE;
    }

    /** A request in force that chose {@code c} uses the components it asks for. */
    static void link(ConstraintModel model, SharedRequest r, CandidateInfo c) {
        if (c.spec.pkg().build().isSource()) {
            return;
        }
        for (Component k : requiredComponents(r, c)) {
            Integer kv = c.componentVars.get(k);
            if (kv != null) {
                model.addClause(-r.var, -c.var(), kv);
            }
        }
    }

    /** The component variables of a new candidate: each implies the candidate and the components it uses. */
    static void encode(ConstraintModel model, CandidateInfo c) {
        Set<Component> matter = componentsThatMatter(c.spec);
        for (ComponentSpec cs : c.spec.install().components()) {
            if (matter.contains(cs.name())) {
                int kv = model.newVar(c.label() + ":" + cs.name());
                c.componentVars.put(cs.name(), kv);
                model.addImplication(kv, c.var());
            }
        }
        for (ComponentSpec cs : c.spec.install().components()) {
            if (!matter.contains(cs.name())) {
                continue;
            }
            for (Component used : cs.uses()) {
                Integer uv = c.componentVars.get(used);
                if (uv != null) {
                    model.addImplication(c.componentVars.get(cs.name()), uv);
                }
            }
        }
    }

    /**
     * The components whose use changes what else must hold: those with their own requirements
     * or embedded st.packages, and those that use one of them. Only these get a variable; which of
     * the others are installed follows from the requests alone (see {@link SearchQueries#closure}), and most
     * builds have none, which keeps the st.model about a third the size.
     */
    private static Set<Component> componentsThatMatter(PackageSpec spec) {
        Set<Component> out = new java.util.HashSet<>();
        for (ComponentSpec cs : spec.install().components()) {
            if (!cs.requirements().isEmpty() || !cs.embedded().isEmpty()) {
                out.add(cs.name());
            }
        }
        boolean grew = !out.isEmpty();
        while (grew) {
            grew = false;
            for (ComponentSpec cs : spec.install().components()) {
                if (!out.contains(cs.name()) && cs.uses().stream().anyMatch(out::contains)) {
                    grew = out.add(cs.name());
                }
            }
        }
        return out;
    }

    /** The components a request needs from a spec: its own (or the default), {@code all}, then {@code uses}. */
    static Set<Component> requiredComponents(SharedRequest r, PackageSpec spec) {
        Set<Component> asked = new LinkedHashSet<>(r.request.pkg().components());
        if (asked.isEmpty()) {
            asked.add(r.request.pkg().build().map(Build::isSource).orElse(false) ? Component.SOURCE
                    : r.defaultComponent);
        }
        return withUses(asked, spec);
    }

    /** As {@link #requiredComponents(SharedRequest, PackageSpec)} for a candidate, remembered per request. */
    static Set<Component> requiredComponents(SharedRequest r, CandidateInfo c) {
        return r.componentsNeeded.computeIfAbsent(c, k -> requiredComponents(r, k.spec));
    }

    /** {@code asked} with {@code all} expanded and every component's {@code uses}, transitively. */
    static Set<Component> withUses(Set<Component> asked, PackageSpec spec) {
        Set<Component> out = new TreeSet<>();
        Deque<Component> todo = new ArrayDeque<>();
        for (Component c : asked) {
            if (c.equals(Component.ALL)) {
                spec.install().components().forEach(cs -> todo.add(cs.name()));
            } else {
                todo.add(c);
            }
        }
        while (!todo.isEmpty()) {
            Component c = todo.pop();
            if (!out.add(c)) {
                continue;
            }
            for (ComponentSpec cs : spec.install().components()) {
                if (cs.name().equals(c)) {
                    todo.addAll(cs.uses());
                }
            }
        }
        return out;
    }
}
