package spk.debian.install;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spk.debian.catalog.DebCatalog;
import spk.debian.catalog.DebPackage;
import spk.debian.version.DebianVersion;

/**
 * Checks an installation against the catalog's own text, independently of the encoder: it
 * reads each installed package's relation fields as written ({@link DebPackage.RawFields}),
 * with its own small parser, and tests them against the installed set directly. Anything the
 * encoder got wrong (a lost alternative, a missed provider, a conflict left out) shows up here
 * as a violation. The rules are the same as the encoder's (dose-distcheck's reading of Debian's
 * relations), written a second time from that description.
 */
public final class SolutionChecker {
    private static final Pattern ATOM = Pattern.compile(
            "\\s*([^\\s:(\\[<]+)(?::([^\\s(\\[<]+))?\\s*(?:\\(\\s*(<<|<=|>=|>>|=|<|>)\\s*([^\\s)]+)\\s*\\))?\\s*(?:\\[[^]]*]\\s*)*(?:<[^>]*>\\s*)*");

    private final DebCatalog catalog;

    public SolutionChecker(DebCatalog catalog) {
        this.catalog = catalog;
    }

    /** One atom of a relation field, as this checker reads it. */
    private record Atom(String name, String arch, String op, DebianVersion version, String text) {}

    /**
     * What is wrong with installing {@code installed} (package ids) for a request that one of
     * {@code requested} be installed: an empty list when nothing is.
     */
    public List<String> violations(List<Integer> requested, List<Integer> installed) {
        List<String> out = new ArrayList<>();
        Map<String, DebPackage> byName = new HashMap<>();
        List<DebPackage> set = new ArrayList<>();
        for (int id : installed) {
            DebPackage p = catalog.get(id);
            set.add(p);
            DebPackage other = byName.put(p.name(), p);
            if (other != null) {
                out.add("two versions of " + p.name() + " installed: " + other + " and " + p);
            }
            if (!catalog.isNative(p)) {
                out.add(p + " is not built for " + catalog.nativeArch());
            }
        }
        if (requested.stream().noneMatch(installed::contains)) {
            out.add("none of the requested packages is installed");
        }
        // what each installed package provides, by name, read from its Provides text
        Map<String, List<DebPackage>> providing = new HashMap<>();
        for (DebPackage q : set) {
            for (String provide : split(q.raw().provides(), ',')) {
                if (!provide.isBlank()) {
                    providing.computeIfAbsent(atom(provide).name(), n -> new ArrayList<>()).add(q);
                }
            }
        }
        for (DebPackage p : set) {
            for (String field : List.of(p.raw().preDepends(), p.raw().depends())) {
                for (String clause : split(field, ',')) {
                    if (clause.isBlank()) {
                        continue;
                    }
                    boolean met = false;
                    for (String alt : split(clause, '|')) {
                        Atom a = atom(alt);
                        for (DebPackage q : candidates(a.name(), byName, providing)) {
                            met |= satisfies(q, a);
                        }
                    }
                    if (!met) {
                        out.add(p + " depends on " + clause.strip() + ", which nothing installed satisfies");
                    }
                }
            }
            for (String field : List.of(p.raw().conflicts(), p.raw().breaks())) {
                for (String entry : split(field, ',')) {
                    if (entry.isBlank()) {
                        continue;
                    }
                    Atom a = atom(entry);
                    List<DebPackage> suspects = new ArrayList<>(candidates(a.name(), byName, providing));
                    if ("same".equals(multiArch(p))) {
                        // a self conflict reaches packages of other names that provide the name
                        for (DebCatalog.Provider pr : catalog.providers(a.name())) {
                            DebPackage named = byName.get(catalog.get(pr.pkg()).name());
                            if (named != null) {
                                suspects.add(named);
                            }
                        }
                    }
                    for (DebPackage q : new java.util.LinkedHashSet<>(suspects)) {
                        if (q != p && conflicts(p, a, q)) {
                            out.add(p + " conflicts with " + entry.strip() + " but " + q + " is installed");
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The installed packages that have or provide {@code name}: the only ones a relation on it can concern. */
    private static List<DebPackage> candidates(String name, Map<String, DebPackage> byName,
            Map<String, List<DebPackage>> providing) {
        List<DebPackage> out = new ArrayList<>(providing.getOrDefault(name, List.of()));
        DebPackage real = byName.get(name);
        if (real != null) {
            out.add(real);
        }
        return out;
    }

    private static List<String> split(String s, char sep) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == sep) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    private static Atom atom(String text) {
        Matcher m = ATOM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot read relation '" + text + "'");
        }
        String op = m.group(3);
        if ("<".equals(op)) {
            op = "<=";
        } else if (">".equals(op)) {
            op = ">=";
        }
        return new Atom(m.group(1), m.group(2), op, op == null ? null : DebianVersion.parse(m.group(4)), text.strip());
    }

    private static boolean holds(String op, DebianVersion v, DebianVersion bound) {
        int c = v.compareTo(bound);
        return switch (op) {
            case "<<" -> c < 0;
            case "<=" -> c <= 0;
            case "=" -> c == 0;
            case ">=" -> c >= 0;
            default -> c > 0;
        };
    }

    /** True if installed package {@code q} satisfies dependency atom {@code a}. */
    private boolean satisfies(DebPackage q, Atom a) {
        boolean any = "any".equals(a.arch());
        boolean local = a.arch() == null || a.arch().equals("native") || a.arch().equals(catalog.nativeArch());
        if (!any && !local) {
            return false;
        }
        if (q.name().equals(a.name())) {
            // dose: a package provides its own name for any architecture and every version
            if (any || a.op() == null || holds(a.op(), q.version(), a.version())) {
                return true;
            }
        }
        if (any && !"allowed".equals(multiArch(q))) {
            return false;
        }
        for (String provide : split(q.raw().provides(), ',')) {
            if (provide.isBlank()) {
                continue;
            }
            Atom pr = atom(provide);
            if (pr.name().equals(a.name()) && (a.op() == null || (pr.version() != null && holds(a.op(), pr.version(), a.version())))) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code p}'s conflict atom {@code a} forbids installed package {@code q} (another package). */
    private boolean conflicts(DebPackage p, Atom a, DebPackage q) {
        if (!"same".equals(multiArch(p))) {
            return satisfies(q, a);
        }
        boolean providesIt = split(p.raw().provides(), ',').stream()
                .anyMatch(s -> !s.isBlank() && atom(s).name().equals(a.name()));
        boolean self = a.op() != null ? a.name().equals(p.name()) : a.name().equals(p.name()) || providesIt;
        if (!self) {
            if (a.op() != null && catalog.named(a.name()).length == 0) {
                return false;
            }
            return satisfies(q, a);
        }
        // a Multi-Arch: same package's conflict with a name it has or provides: every package of
        // another name that has or provides it, any version
        if (q.name().equals(p.name())) {
            return false;
        }
        boolean local = a.arch() == null || a.arch().equals("native") || a.arch().equals("any")
                || a.arch().equals(catalog.nativeArch());
        if (!local) {
            return false;
        }
        if (q.name().equals(a.name())) {
            return true;
        }
        return catalog.providers(a.name()).stream().anyMatch(pr -> catalog.get(pr.pkg()).name().equals(q.name()));
    }

    private static String multiArch(DebPackage p) {
        return p.multiArch().name().toLowerCase(java.util.Locale.ROOT);
    }
}
