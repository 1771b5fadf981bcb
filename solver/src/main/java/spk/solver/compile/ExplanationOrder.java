package spk.solver.compile;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import spk.constraint.Group;
import spk.grammar.name.PkgName;
import spk.grammar.request.PkgRequest;
import spk.grammar.request.Request;
import spk.spec.model.ComponentSpec;
import spk.spec.model.EmbeddedPackageSpec;

/**
 * The order in which an explanation prefers groups, defined by what is encoded rather than by
 * when it was encoded (which depends on the models a back end happened to find): the requests
 * and options of the command line as given; then requirements by the order their owner's
 * package is met walking breadth first from the requests through the requirements of every
 * candidate read (each package's candidates best first, each spec's requirements in order), then the
 * owner's rank among the package's candidates, then their place in the owner's spec.
 */
final class ExplanationOrder {
    private final EncodingState st;
    /**
     * The last meeting order, and the package and candidate counts it was walked over: packages
     * and candidates are only ever added, so while the counts stand, so does the order (an
     * explanation sorts once per round, and starts a round each time its checks grow the encoding).
     */
    private Map<PkgName, Integer> met;
    private long metFor = -1;

    ExplanationOrder(EncodingState st) {
        this.st = st;
    }

    List<Group> sort(List<Group> groups) {
        long size = st.packages.size();
        for (PackageState s : st.packages.values()) {
            size += (long) s.candidates.size() << 20;
        }
        if (size != metFor) {
            met = meetingOrder(st);
            metFor = size;
        }
        // each group's key worked out once, not at every comparison of the sort
        Key[] keys = new Key[groups.size()];
        for (int i = 0; i < keys.length; i++) {
            Group g = groups.get(i);
            CandidateInfo c = owner(st, g);
            keys[i] = c == null ? new Key(g, 0, 0, "", null)
                    : new Key(g, 1, met.getOrDefault(c.spec.pkg().name(), Integer.MAX_VALUE), c.spec.pkg().name().value(),
                            c.rank);
        }
        Comparator<Key> order = Comparator.comparingInt(Key::requirement)
                .thenComparingInt(Key::met)
                // packages the walk does not meet (embedded copies' parents only): by name
                .thenComparing(Key::name)
                .thenComparing((a, b) -> a.rank() == null || b.rank() == null ? 0 : a.rank().compareTo(b.rank()))
                // within one owner (or among the command line's), groups are made in spec order
                .thenComparingInt(k -> k.group().id());
        java.util.Arrays.sort(keys, order);
        Group[] out = new Group[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = keys[i].group();
        }
        return List.of(out);
    }

    /** What a group is ordered by: command line or requirement, its owner's package's place, name and rank. */
    private record Key(Group group, int requirement, int met, String name, RankKey rank) {}

    /** The candidate a requirement group belongs to; null for the command line's requests and options. */
    private static CandidateInfo owner(EncodingState st, Group g) {
        RequestInfo r = st.requestsByGroup.get(g.id());
        if (r != null) {
            return r.ownerCandidate;
        }
        VarRequestInfo v = st.varRequestsByGroup.get(g.id());
        return v == null ? null : v.owner;
    }

    /** Each package's place in a breadth-first walk from the requests through the encoded builds' requirements. */
    private static Map<PkgName, Integer> meetingOrder(EncodingState st) {
        Map<PkgName, Integer> met = new HashMap<>();
        Deque<PkgName> todo = new ArrayDeque<>();
        for (RequestInfo r : st.initialRequests) {
            meet(r.request.pkg().name(), met, todo);
        }
        while (!todo.isEmpty()) {
            PackageState s = st.packages.get(todo.poll());
            if (s == null) {
                continue;
            }
            for (CandidateInfo c : s.sorted()) {
                // from the specs, whether or not a model chose the candidate and had it expanded
                for (Request r : c.spec.install().requirements()) {
                    if (r instanceof PkgRequest p) {
                        meet(p.pkg().name(), met, todo);
                    }
                }
                for (ComponentSpec cs : c.spec.install().components()) {
                    for (Request r : cs.requirements()) {
                        if (r instanceof PkgRequest p) {
                            meet(p.pkg().name(), met, todo);
                        }
                    }
                }
                for (EmbeddedPackageSpec e : c.spec.install().embedded()) {
                    meet(e.pkg().name(), met, todo);
                }
            }
        }
        return met;
    }

    private static void meet(PkgName name, Map<PkgName, Integer> met, Deque<PkgName> todo) {
        if (met.putIfAbsent(name, met.size()) == null) {
            todo.add(name);
        }
    }
}
