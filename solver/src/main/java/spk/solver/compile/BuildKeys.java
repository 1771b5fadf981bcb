package spk.solver.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import spk.grammar.ident.BuildIdent;
import spk.grammar.range.Interval;
import spk.grammar.range.IntervalSet;
import spk.grammar.range.Point;
import spk.grammar.range.VersionFilter;
import spk.spec.model.Opt;
import spk.spec.model.PackageSpec;

/**
 * SPK's order of the builds of one version (its BuildKey): binary builds before the source
 * build; among binaries, by the values of the options that differ between them, names sorted
 * (those matching {@code build_key_name_order} first),
 * each value compared as a version range (higher upper, then lower bound first), else as text
 * (reverse order), unset last; then by digest. One per solve: an option value is parsed as a
 * range once however many packages' builds carry it ({@code 11}, {@code 9}, {@code cp311}).
 */
final class BuildKeys {
    private final spk.solver.NameOrder namesFirst;
    private final Map<String, Optional<IntervalSet>> ranges = new HashMap<>();

    BuildKeys(spk.solver.NameOrder namesFirst) {
        this.namesFirst = namesFirst;
    }

    /** The position of each build in the order, 0 first. */
    Map<BuildIdent, Integer> order(List<PackageSpec> builds) {
        if (builds.size() == 1) {
            return Map.of(builds.get(0).pkg(), 0);
        }
        Set<String> names = new TreeSet<>();
        Map<BuildIdent, Map<String, String>> byIdent = new HashMap<>();
        for (PackageSpec b : builds) {
            Map<String, String> m = new HashMap<>();
            for (Opt o : b.options()) {
                o.staticValue().ifPresent(v -> m.put(o.fullName().value(), v));
            }
            byIdent.put(b.pkg(), m);
            names.addAll(m.keySet());
        }
        // by position: the comparisons below must not hash a build's ident each time
        int count = builds.size();
        List<Map<String, String>> values = new ArrayList<>(count);
        String[] digests = new String[count];
        for (int i = 0; i < count; i++) {
            values.add(byIdent.get(builds.get(i).pkg()));
            digests[i] = builds.get(i).pkg().build().toString();
        }
        List<String> differing = new ArrayList<>();
        for (String n : names) {
            Set<Optional<String>> seen = new java.util.HashSet<>();
            for (Map<String, String> m : values) {
                seen.add(Optional.ofNullable(m.get(n)));
            }
            if (seen.size() > 1) {
                differing.add(n);
            }
        }
        // alphabetical (names is sorted), those the settings promote first
        differing.sort(java.util.Comparator.comparingInt(n -> namesFirst.rank(n)));
        // parsed once per distinct value: the sort compares each value many times
        for (String n : differing) {
            for (Map<String, String> m : values) {
                String v = m.get(n);
                if (v != null) {
                    ranges.computeIfAbsent(v, BuildKeys::range);
                }
            }
        }
        Comparator<Integer> cmp = Comparator.comparing((Integer i) -> builds.get(i).pkg().build().isSource());
        for (String n : differing) {
            cmp = cmp.thenComparing((a, b) -> compareValues(values.get(a).get(n), values.get(b).get(n), ranges));
        }
        cmp = cmp.thenComparing(i -> digests[i], Comparator.reverseOrder());
        List<Integer> sorted = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sorted.add(i);
        }
        sorted.sort(cmp);
        Map<BuildIdent, Integer> out = new HashMap<>();
        for (int i = 0; i < count; i++) {
            out.putIfAbsent(builds.get(sorted.get(i)).pkg(), i);
        }
        return out;
    }

    /** Preferred first: a version range with higher bounds, then text in reverse order, then unset. */
    private static int compareValues(String a, String b, Map<String, Optional<IntervalSet>> ranges) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        Optional<IntervalSet> ra = ranges.get(a);
        Optional<IntervalSet> rb = ranges.get(b);
        if (ra.isPresent() && rb.isPresent()) {
            int c = compareBound(upper(rb.get()), upper(ra.get()));
            if (c != 0) {
                return c;
            }
            return compareBound(lower(rb.get()), lower(ra.get()));
        }
        if (ra.isPresent() != rb.isPresent()) {
            return ra.isPresent() ? -1 : 1;
        }
        return b.compareTo(a);
    }

    private static Optional<IntervalSet> range(String text) {
        return VersionFilter.tryParse(text).map(VersionFilter::hull);
    }

    private static Optional<Point> upper(IntervalSet s) {
        if (s.intervals().isEmpty()) {
            return Optional.empty();
        }
        Interval last = s.intervals().get(s.intervals().size() - 1);
        return last.upper();
    }

    private static Optional<Point> lower(IntervalSet s) {
        if (s.intervals().isEmpty()) {
            return Optional.empty();
        }
        return s.intervals().get(0).lower();
    }

    /** Missing upper bounds are highest, missing lower bounds lowest; the sign is of a - b. */
    private static int compareBound(Optional<Point> a, Optional<Point> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        return a.get().compareTo(b.get());
    }
}
