package spk.solver.compile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.request.InclusionPolicy;
import spk.spec.model.ComponentEmbed;
import spk.spec.model.ComponentSpec;

/**
 * The closure of the decided packages ({@link SolveEncoding.Closure}), kept current while
 * packages are decided and undecided one at a time, as the walk and the improvement do (each
 * from scratch was quadratic in the solution's size).
 *
 * <p>The closure is a pass over a work list: the initial requests, then the requirements of each
 * decided build appended when a request on it is first met. Each step reads the decisions only
 * for the packages it looks up, so the steps before the first look-up of a package do not
 * depend on whether it is decided. Every change to the pass's state is recorded on a trail; a
 * decision changed for a package rolls the pass back to the step that first looked it up and
 * runs it on from there. The result is therefore exactly the pass from scratch, at the cost of
 * the steps after that look-up only.
 *
 * <p>Most decisions need not even that: when every step since the package's first look-up only
 * looked packages up (requests on undecided packages, or on decided ones that added nothing),
 * deciding it adds its requirements at the end of the work list in the pass from scratch too,
 * and its requests are simply applied there ({@link #decideAtTheEnd}).
 */
public final class IncrementalClosure {
    private final EncodingState st;
    private final Map<PkgName, Integer> decided = new HashMap<>();
    private final List<RequestInfo> work;
    private final Map<PkgName, Set<Component>> used = new LinkedHashMap<>();
    private final LinkedHashSet<PkgName> pending = new LinkedHashSet<>();
    private final Map<PkgName, String> requestedBy = new LinkedHashMap<>();
    private final Set<Integer> expandedOwners = new HashSet<>();
    /** The step that first looked a package up: changing its decision invalidates the steps from there on. */
    private final Map<PkgName, Integer> firstLookup = new HashMap<>();
    /** How to undo each change, latest last. */
    private final List<Runnable> trail = new ArrayList<>();
    /** Per step run: the trail's and the work list's size before it. */
    private int[] trailAt = new int[64];
    private int[] workAt = new int[64];
    /** The next step to run, and the first step that a changed decision invalidated. */
    private int next;
    private int dirty = Integer.MAX_VALUE;
    private int step;
    /** The steps that requested each package while it was undecided, in order. */
    private final Map<PkgName, List<Integer>> requestSteps = new HashMap<>();
    /** The latest step that changed anything but look-ups, and its value before each step. */
    private int lastActive = -1;
    private int[] activeAt = new int[64];
    private boolean changed;
    /**
     * The steps decided at the end span: their effects sit on the trail after later steps',
     * so a rollback into the span goes back to its start.
     */
    private int endFloor = Integer.MAX_VALUE;
    private int endCeiling;

    IncrementalClosure(EncodingState st) {
        this.st = st;
        this.work = new ArrayList<>(st.initialRequests);
    }

    /** Decides {@code name} as candidate {@code var} (replacing any earlier decision for it). */
    public void decide(PkgName name, int var) {
        Integer was = decided.put(name, var);
        if (was != null && was == var) {
            return;
        }
        Integer at = firstLookup.get(name);
        // at the end only when the pass is current: else it is run (or rolled back) when asked
        boolean current = dirty == Integer.MAX_VALUE && next == work.size();
        if (at != null && !(current && was == null && at > lastActive
                && decideAtTheEnd(name, st.byVar.get(var), at))) {
            dirty = Math.min(dirty, at);
        }
    }

    /**
     * Applies the requests met so far on a newly decided package at the end of the pass, when
     * that is what the pass from scratch does: nothing since its first look-up (step {@code at})
     * changed more than look-ups, and using it looks nothing else up (it is no embedded copy
     * and embeds nothing through its components). False if it does not apply.
     */
    private boolean decideAtTheEnd(PkgName name, CandidateInfo c, int at) {
        List<Integer> steps = requestSteps.get(name);
        if (c.parent != null || steps == null || steps.get(0) != at) {
            return false;
        }
        for (ComponentSpec cs : c.spec.install().components()) {
            if (!cs.embedded().isEmpty()) {
                return false;
            }
        }
        endFloor = Math.min(endFloor, at);
        endCeiling = Math.max(endCeiling, next);
        for (int s : steps) {
            changed = false;
            addUse(c, components(work.get(s), c));
            if (changed) {
                // the steps that asked for nothing new stay inert, as they are in the pass from scratch
                lastActive = Math.max(lastActive, s);
            }
        }
        return true;
    }

    private static Set<Component> components(RequestInfo r, CandidateInfo c) {
        return c.spec.pkg().build().isSource() ? Set.of() : ComponentsRule.requiredComponents(r.shared, c);
    }

    /** Forgets the decision for {@code name}, if any. */
    public void undecide(PkgName name) {
        if (decided.remove(name) != null) {
            invalidate(name);
        }
    }

    private void invalidate(PkgName name) {
        Integer at = firstLookup.get(name);
        if (at != null) {
            dirty = Math.min(dirty, at);
        }
    }

    /** The first pending package (the one SPK decides next), or null when none is. */
    public PkgName firstPending() {
        update();
        boolean byPriority = !st.order.requestPriority().isEmpty();
        PkgName best = null;
        int bestRank = Integer.MAX_VALUE;
        for (PkgName n : pending) {
            if (decided.containsKey(n)) {
                continue; // decided at the end of the pass
            }
            if (!byPriority) {
                return n;
            }
            int rank = st.order.requestPriority().rank(n.value());
            if (rank < bestRank) {
                best = n;
                bestRank = rank;
            }
        }
        return best;
    }

    /** Who first asked for {@code name} ("" if nothing did). */
    public String requestedBy(PkgName name) {
        update();
        return requestedBy.getOrDefault(name, "");
    }

    /** The closure as it stands. */
    public SolveEncoding.Closure snapshot() {
        update();
        Map<PkgName, Set<Component>> usedCopy = new LinkedHashMap<>();
        used.forEach((n, comps) -> usedCopy.put(n, Collections.unmodifiableSet(new TreeSet<>(comps))));
        List<PkgName> inOrder = new ArrayList<>();
        for (PkgName n : pending) {
            if (!decided.containsKey(n)) {
                inOrder.add(n);
            }
        }
        if (!st.order.requestPriority().isEmpty()) {
            // SPK keeps its requests sorted by these patterns (stably): the first pending one is decided next
            inOrder.sort(java.util.Comparator.comparingInt(n -> st.order.requestPriority().rank(n.value())));
        }
        return new SolveEncoding.Closure(Collections.unmodifiableMap(usedCopy), inOrder,
                Collections.unmodifiableMap(new LinkedHashMap<>(requestedBy)));
    }

    private void update() {
        if (dirty < next) {
            rollBack(dirty);
        }
        dirty = Integer.MAX_VALUE;
        while (next < work.size()) {
            if (next == trailAt.length) {
                trailAt = java.util.Arrays.copyOf(trailAt, next * 2);
                workAt = java.util.Arrays.copyOf(workAt, next * 2);
                activeAt = java.util.Arrays.copyOf(activeAt, next * 2);
            }
            trailAt[next] = trail.size();
            workAt[next] = work.size();
            activeAt[next] = lastActive;
            step = next;
            changed = false;
            run(work.get(next++));
            if (changed) {
                lastActive = step;
            }
        }
    }

    private void rollBack(int step) {
        int to = step > endFloor && step < endCeiling ? endFloor : step;
        for (int i = trail.size() - 1; i >= trailAt[to]; i--) {
            trail.remove(i).run();
        }
        work.subList(workAt[to], work.size()).clear();
        lastActive = activeAt[to];
        next = to;
        if (to <= endFloor) {
            endFloor = Integer.MAX_VALUE;
            endCeiling = 0;
        }
    }

    private Integer lookUp(PkgName name) {
        if (!firstLookup.containsKey(name)) {
            firstLookup.put(name, step);
            trail.add(() -> firstLookup.remove(name));
        }
        return decided.get(name);
    }

    private void addPending(PkgName name) {
        if (pending.add(name)) {
            trail.add(() -> pending.remove(name));
        }
    }

    private void run(RequestInfo r) {
        PkgName name = r.request.pkg().name();
        Integer cv = lookUp(name);
        if (!requestedBy.containsKey(name)) {
            requestedBy.put(name, r.requestedBy);
            trail.add(() -> requestedBy.remove(name));
        }
        if (cv == null) {
            if (r.request.inclusionPolicy() == InclusionPolicy.ALWAYS) {
                addPending(name);
            }
            List<Integer> steps = requestSteps.computeIfAbsent(name, n -> new ArrayList<>());
            steps.add(step);
            trail.add(() -> steps.remove(steps.size() - 1));
            return;
        }
        CandidateInfo c = st.byVar.get(cv);
        addUse(c, components(r, c));
    }

    private void addUse(CandidateInfo c, Set<Component> comps) {
        PkgName name = c.spec.pkg().name();
        Set<Component> have = used.get(name);
        if (have == null) {
            Set<Component> created = new TreeSet<>();
            have = created;
            used.put(name, created);
            trail.add(() -> used.remove(name));
        }
        if (have.containsAll(comps) && expandedOwners.contains(c.var())) {
            return; // nothing new: the closure meets most requests of a decided package this way
        }
        changed = true;
        List<Component> added = new ArrayList<>();
        for (Component k : comps) {
            if (have.add(k)) {
                added.add(k);
            }
        }
        if (!added.isEmpty()) {
            Set<Component> h = have;
            trail.add(() -> added.forEach(h::remove));
        }
        if (expandedOwners.add(c.var())) {
            int var = c.var();
            trail.add(() -> expandedOwners.remove(var));
            if (c.parent != null) {
                // an embedded copy comes with the build that carries it
                Integer pv = lookUp(c.parent.spec.pkg().name());
                if (pv == null) {
                    addPending(c.parent.spec.pkg().name());
                } else {
                    addUse(st.byVar.get(pv), c.holders);
                }
            }
            work.addAll(c.installRequirements);
        }
        added.sort(null);
        for (Component k : added) {
            work.addAll(c.componentRequirements.getOrDefault(k, List.of()));
            for (ComponentSpec cs : c.spec.install().components()) {
                if (!cs.name().equals(k)) {
                    continue;
                }
                for (ComponentEmbed ce : cs.embedded()) {
                    Integer ev = lookUp(ce.pkg());
                    if (ev == null) {
                        addPending(ce.pkg());
                        continue;
                    }
                    CandidateInfo ec = st.byVar.get(ev);
                    addUse(ec, ComponentsRule.withUses(ce.components(), ec.spec));
                }
            }
        }
    }
}
