package spk.bench.studio;

import static spk.bench.studio.StudioCatalog.FIRST_YEAR;
import static spk.bench.studio.StudioCatalog.LAST_YEAR;
import static spk.bench.studio.StudioCatalog.PYTHON;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import spk.bench.studio.StudioCatalog.Critical;

/** Writes each layer of the studio catalog: platform, critical and system libraries, and what sits on them. */
final class Layers {
    private final StudioCatalog cat;
    private final SpecWriter out;
    /** Versions of every package by release year (index 0 = FIRST_YEAR), null where none was released. */
    private final Map<String, String[]> byYear = new HashMap<>();
    /** The compat of a package (null for the default {@code x.a.b}). */
    private final Map<String, String> compat = new HashMap<>();

    Layers(StudioCatalog cat, SpecWriter out) {
        this.cat = cat;
        this.out = out;
    }

    void all() {
        platform();
        system();
        critical();
        pythonModules();
        studio();
        dccs();
        plugins();
        toolsets();
    }

    // ------------------------------------------------------------------ shared rules

    static int y(int year) {
        return year - FIRST_YEAR;
    }

    /** Distros a platform year builds for: centos 7 until 2021, rocky 9 from 2021. */
    static List<String[]> distros(int year) {
        List<String[]> out = new ArrayList<>();
        if (year <= 2021) {
            out.add(new String[] {"centos", "7"});
        }
        if (year >= 2021) {
            out.add(new String[] {"rocky", "9"});
        }
        return out;
    }

    static String gcc(int year) {
        return year <= 2022 ? "9.3" : "11.2";
    }

    static String abi(int year) {
        return "cp" + PYTHON[y(year)].replace(".", "");
    }

    /** The host options of a build for a platform year and distro. */
    private static void host(SpecWriter.Build b, String[] distro) {
        b.var("os", "linux").var("arch", "x86_64").var("distro", distro[0]).var(distro[0], distro[1]);
    }

    /** The critical library's version line in a year, e.g. {@code 1.82}. */
    private String line(String crit, int year) {
        return cat.critical.get(crit).lines()[y(year)];
    }

    /** A requirement on a critical library as a build for {@code year} would carry it, in one of SPK's forms. */
    private String pinned(String crit, int year, Random r) {
        String line = line(crit, year);
        return crit + "/" + switch (r.nextInt(4)) {
            case 0 -> "~" + line + ".0";
            case 1 -> "Binary:" + line + ".0";
            case 2 -> line;
            default -> ">=" + line + ".0,<" + nextLine(crit, line);
        };
    }

    /** The next version line after {@code line}, or the next major if it is the last. */
    private String nextLine(String crit, String line) {
        String[] lines = cat.critical.get(crit).lines();
        for (String l : lines) {
            if (spk.grammar.version.Version.parse(l).compareTo(spk.grammar.version.Version.parse(line)) > 0) {
                return l;
            }
        }
        return (Integer.parseInt(line.substring(0, line.indexOf('.'))) + 1) + ".0";
    }

    /**
     * A loose requirement, as a build released in {@code year} carries it: at least the
     * package's version of {@code from} (or its first), and sometimes below the next major of
     * its version of {@code year}.
     */
    private String atLeast(String pkg, int from, int year, Random r) {
        String v = versionOf(pkg, from);
        if (r.nextInt(5) == 0 && compat.get(pkg) == null) {
            String upTo = versionOf(pkg, year);
            int major = Integer.parseInt(upTo.substring(0, upTo.indexOf('.')));
            return pkg + "/>=" + v + ",<" + (major + 1);
        }
        return pkg + "/>=" + v;
    }

    /** The package's newest version released by {@code year}, or its first. */
    private String versionOf(String pkg, int year) {
        String[] vs = byYear.get(pkg);
        for (int k = Math.min(vs.length - 1, y(year)); k >= 0; k--) {
            if (vs[k] != null) {
                return vs[k];
            }
        }
        return firstVersion(pkg);
    }

    private String firstVersion(String pkg) {
        for (String v : byYear.get(pkg)) {
            if (v != null) {
                return v;
            }
        }
        throw new IllegalStateException(pkg);
    }

    /** Yearly versions from {@code first} to the last year; the major moves every {@code majorEvery} years. */
    private String[] yearly(String pkg, int first, int majorEvery, boolean fourParts, Random r) {
        String[] vs = new String[StudioCatalog.YEARS];
        int major = 1 + r.nextInt(3);
        int minor = r.nextInt(4);
        for (int year = first; year <= LAST_YEAR; year++) {
            if (year > first && (year - first) % majorEvery == 0) {
                major++;
                minor = 0;
            }
            vs[y(year)] = major + "." + minor + "." + r.nextInt(6) + (fourParts ? "." + r.nextInt(9) : "");
            minor += 1 + r.nextInt(2);
        }
        byYear.put(pkg, vs);
        return vs;
    }

    private <T> List<T> pick(List<T> from, int count, Random r) {
        Set<T> out = new LinkedHashSet<>();
        for (int k = 0; k < count * 4 && out.size() < count && !from.isEmpty(); k++) {
            out.add(from.get(r.nextInt(from.size())));
        }
        return new ArrayList<>(out);
    }

    // ------------------------------------------------------------------ layers

    /** {@code vfx-platform/YEAR.0.0} (and {@code YEAR.1.0} from 2022): pins every critical library's line. */
    private void platform() {
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (int point = 0; point <= (year >= 2022 ? 1 : 0); point++) {
                SpecWriter.Build b = out.build("vfx-platform", year + "." + point + ".0");
                for (Critical c : cat.critical.values()) {
                    b.requireIfPresent(c.name() + "/~" + line(c.name(), year) + ".0");
                }
                b.write();
            }
        }
    }

    private void system() {
        List<String> names = cat.system;
        for (int s = 0; s < names.size(); s++) {
            String name = names.get(s);
            Random r = cat.random(name);
            String c = s % 4 == 1 ? "x.ab" : null;
            compat.put(name, c);
            String[] vs = yearly(name, FIRST_YEAR, s % 10 == 0 ? 6 : 100, false, r);
            List<String> deps = new ArrayList<>();
            if (s > 0 && r.nextInt(10) < 5) {
                deps.add(names.get(s - 1 - r.nextInt(Math.min(3, s))));
            }
            if (s > 4 && r.nextInt(3) == 0) {
                deps.addAll(pick(names.subList(0, s - 1), 1, r));
            }
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                boolean newest = year == LAST_YEAR;
                List<String[]> ds = newest && s % 7 == 3 ? List.<String[]>of(new String[] {"rocky", "10"}) : distros(year);
                for (String[] d : ds) {
                    for (String arch : s % 3 == 0 ? List.of("x86_64", "aarch64") : List.of("x86_64")) {
                        SpecWriter.Build b = out.build(name, vs[y(year)]).compat(c).deprecated(newest && s % 11 == 0);
                        b.var("os", "linux").var("arch", arch).var("distro", d[0]).var(d[0], d[1]);
                        for (String dep : deps) {
                            b.require(atLeast(dep, year - 3, year, r));
                        }
                        if (s % 3 == 0) {
                            b.components(s > 70 ? null : "pkgconf");
                        }
                        b.write();
                    }
                }
                if (s % 9 == 0) {
                    out.build(name, vs[y(year)]).compat(c).var("os", "darwin").var("arch", "arm64").write();
                }
            }
        }
    }

    private void critical() {
        for (Critical crit : cat.critical.values()) {
            Random r = cat.random(crit.name());
            List<String> sys = pick(cat.system.subList(0, 60), crit.systemNeeds(), r);
            Map<String, List<Integer>> yearsOfLine = new java.util.LinkedHashMap<>();
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                yearsOfLine.computeIfAbsent(line(crit.name(), year), k -> new ArrayList<>()).add(year);
            }
            boolean debugBuilds = crit.name().hashCode() % 2 == 0;
            String[] vs = new String[StudioCatalog.YEARS];
            for (Map.Entry<String, List<Integer>> e : yearsOfLine.entrySet()) {
                int p1 = r.nextInt(2);
                for (int patch : new int[] {p1, p1 + 1 + r.nextInt(4)}) {
                    String version = e.getKey() + "." + patch;
                    for (int year : e.getValue()) {
                        vs[y(year)] = version;
                        for (String[] d : distros(year)) {
                            for (String debug : debugBuilds ? List.of("off", "on") : List.of("off")) {
                                SpecWriter.Build b = out.build(crit.name(), version);
                                host(b, d);
                                b.var("gcc", gcc(year)).var("debug", debug);
                                if (crit.name().equals("python")) {
                                    b.var("abi", abi(year));
                                }
                                for (String need : crit.needs()) {
                                    b.require(pinned(need, year, r));
                                    if (need.equals("python")) {
                                        b.var("python.abi", abi(year)).requireVar("python.abi", abi(year));
                                    }
                                }
                                for (String dep : sys) {
                                    b.require(atLeast(dep, year - 4, year, r));
                                }
                                b.write();
                            }
                        }
                    }
                }
            }
            byYear.put(crit.name(), vs);
        }
        // a pre-release of the next line, which only a request allowing pre-releases would pick
        SpecWriter.Build pre = out.build("openimageio", "3.2.0-beta.1");
        host(pre, new String[] {"rocky", "9"});
        pre.var("gcc", gcc(LAST_YEAR)).var("debug", "off").require("openexr/~3.4.0").write();
    }

    private void pythonModules() {
        List<String> names = cat.pythonModules;
        for (int m = 0; m < names.size(); m++) {
            String name = names.get(m);
            Random r = cat.random(name);
            boolean pure = m % 5 < 3;
            int first = FIRST_YEAR + (m % 3 == 0 ? r.nextInt(3) : 0);
            String c = m % 3 == 0 ? "x.ab" : null;
            compat.put(name, c);
            String[] vs = yearly(name, first, 3, false, r);
            List<String> deps = m > 3 ? pick(names.subList(0, m), r.nextInt(2), r) : List.of();
            boolean numpy = !pure && m % 3 == 0;
            for (int year = first; year <= LAST_YEAR; year++) {
                boolean newest = year == LAST_YEAR;
                if (pure) {
                    SpecWriter.Build b = out.build(name, vs[y(year)]).compat(c);
                    b.require(newest && m % 4 == 0 ? "python/>=3.12" : "python/>=3.7,<4");
                    for (String dep : deps) {
                        b.require(atLeast(dep, year - 3, year, r));
                    }
                    b.write();
                    continue;
                }
                for (int built = Math.max(FIRST_YEAR, year - 1); built <= year; built++) {
                    for (String[] d : distros(built)) {
                        SpecWriter.Build b = out.build(name, vs[y(year)]).compat(c);
                        host(b, d);
                        b.var("python.abi", abi(built));
                        b.require("python/~" + PYTHON[y(built)] + ".0").requireVar("python.abi", abi(built));
                        if (numpy) {
                            b.require(pinned("numpy", built, r));
                        }
                        for (String dep : deps) {
                            b.require(atLeast(dep, year - 3, year, r));
                        }
                        b.write();
                    }
                }
            }
        }
    }

    private void studio() {
        List<String> names = new ArrayList<>(cat.studio);
        names.add(StudioCatalog.NEXTGEN);
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            boolean nextgen = name.equals(StudioCatalog.NEXTGEN);
            Random r = cat.random(name);
            int first = nextgen ? LAST_YEAR : FIRST_YEAR + j % 4;
            boolean four = j % 4 == 0;
            String c = four ? "x.x.a.b" : j % 3 == 1 ? "x.ab" : null;
            compat.put(name, c);
            String[] vs = yearly(name, first, 3, four, r);
            List<String> crits = new ArrayList<>(pick(new ArrayList<>(cat.critical.keySet()).subList(1, 20),
                    1 + r.nextInt(4), r));
            if (nextgen) {
                crits = List.of("usd", "boost");
            }
            boolean python = j % 2 == 0 || nextgen;
            List<String> sys = pick(cat.system.subList(0, 50), 1 + r.nextInt(2), r);
            List<String> py = pick(cat.pythonModules.subList(0, 60), r.nextInt(2), r);
            List<String> deps = new ArrayList<>();
            if (j > 0 && r.nextInt(100) < 55) {
                deps.add(names.get(j - 1 - r.nextInt(Math.min(3, j))));
            }
            if (j > 6 && r.nextInt(3) == 0) {
                deps.addAll(pick(names.subList(0, j - 3), 1, r));
            }
            boolean debugBuilds = j % 2 == 0;
            for (int year = first; year <= LAST_YEAR; year++) {
                boolean deprecated = year == LAST_YEAR && j % 13 == 0;
                for (int built = Math.max(FIRST_YEAR, year - 1); built <= year; built++) {
                    List<String> gccs = j % 4 == 0 && (built == 2022 || built == 2023) ? List.of("9.3", "11.2")
                            : List.of(gcc(built));
                    for (String[] d : distros(built)) {
                        for (String g : gccs) {
                            for (String debug : debugBuilds ? List.of("off", "on") : List.of("off")) {
                                SpecWriter.Build b = out.build(name, vs[y(year)]).compat(c).deprecated(deprecated);
                                host(b, d);
                                b.var("gcc", g).var("debug", debug);
                                for (String crit : crits) {
                                    b.require(pinned(crit, built, r));
                                }
                                if (python) {
                                    b.var("python.abi", abi(built)).require("python/~" + PYTHON[y(built)] + ".0")
                                            .requireVar("python.abi", abi(built));
                                }
                                for (String dep : sys) {
                                    b.require(atLeast(dep, year - 4, year, r));
                                }
                                for (String dep : py) {
                                    b.require(atLeast(dep, year - 4, year, r));
                                }
                                for (String dep : deps) {
                                    String req = atLeast(dep, Math.max(year - 2, first), year, r);
                                    int depIndex = names.indexOf(dep);
                                    if (depIndex % 2 == 0 && r.nextInt(4) == 0) {
                                        req = req.replaceFirst("/", ":lib/");
                                    }
                                    b.require(req);
                                }
                                if (j % 2 == 0) {
                                    b.components(j % 4 == 0 ? "cmake" : null);
                                }
                                b.write();
                            }
                        }
                    }
                }
            }
        }
    }

    private void dccs() {
        for (Map.Entry<String, String[]> dcc : cat.dccs.entrySet()) {
            String name = dcc.getKey();
            Random r = cat.random(name);
            List<String> sys = pick(cat.system.subList(40, 70), 2 + r.nextInt(3), r);
            Map<String, List<Integer>> yearsOfLine = new java.util.LinkedHashMap<>();
            for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
                yearsOfLine.computeIfAbsent(dcc.getValue()[y(year)], k -> new ArrayList<>()).add(year);
            }
            for (Map.Entry<String, List<Integer>> e : yearsOfLine.entrySet()) {
                int p1 = r.nextInt(3);
                for (int patch : new int[] {p1, p1 + 2 + r.nextInt(3)}) {
                    for (int year : e.getValue()) {
                        for (String[] d : distros(year)) {
                            SpecWriter.Build b = out.build(name, e.getKey() + "." + patch);
                            host(b, d);
                            for (String dep : sys) {
                                b.require(atLeast(dep, year - 5, year, r));
                            }
                            b.embed("python", PYTHON[y(year)] + "." + (5 + patch), abi(year));
                            b.write();
                        }
                    }
                }
            }
        }
    }

    private void plugins() {
        for (Map.Entry<String, List<String>> e : cat.plugins.entrySet()) {
            String[] lines = cat.dccs.get(e.getKey());
            for (int i = 0; i < e.getValue().size(); i++) {
                String name = e.getValue().get(i);
                Random r = cat.random(name);
                int first = FIRST_YEAR + i % 3;
                String[] vs = yearly(name, first, 4, false, r);
                List<String> studioNeeds = pick(cat.studio, 1 + r.nextInt(3), r);
                List<String> py = pick(cat.pythonModules, r.nextInt(2), r);
                for (int year = first; year <= LAST_YEAR; year++) {
                    String from = lines[y(Math.max(FIRST_YEAR, year - 1))];
                    String upper = null;
                    for (int k = y(year) + 1; k < lines.length && upper == null; k++) {
                        upper = lines[k].equals(lines[y(year)]) ? null : lines[k];
                    }
                    // the DCC lines of the year before and of its own year; the newest needs the newest line
                    String dccRange = upper != null ? ">=" + from + ".0,<" + upper + ".0" : ">=" + lines[y(year)] + ".0";
                    for (int built = Math.max(FIRST_YEAR, year - 1); built <= year; built++) {
                        for (String[] d : distros(built)) {
                            SpecWriter.Build b = out.build(name, vs[y(year)]);
                            host(b, d);
                            b.require(e.getKey() + "/" + dccRange).require("python/~" + PYTHON[y(built)] + ".0");
                            for (String dep : studioNeeds) {
                                b.require(atLeast(dep, year - 3, year, r));
                            }
                            for (String dep : py) {
                                b.require(atLeast(dep, year - 3, year, r));
                            }
                            b.write();
                        }
                    }
                }
            }
        }
    }

    private void toolsets() {
        for (String dcc : StudioCatalog.TOOLSET_DCCS) {
            String name = dcc + "-toolset";
            Random r = cat.random(name);
            List<String> studioPicks = pick(cat.studio, 28 + r.nextInt(25), r);
            List<String> pyPicks = pick(cat.pythonModules, 8 + r.nextInt(10), r);
            List<String> extra = pick(cat.studio, 3, r);
            for (int year = 2022; year <= LAST_YEAR; year++) {
                for (int point = 0; point <= 1; point++) {
                    SpecWriter.Build b = out.build(name, year + "." + point + ".0");
                    b.require("vfx-platform/" + year).require(dcc + "/~" + cat.dccs.get(dcc)[y(year)] + ".0");
                    cat.plugins.get(dcc).forEach(b::require);
                    studioPicks.forEach(b::require);
                    pyPicks.forEach(b::require);
                    if (point == 1) {
                        extra.forEach(b::require);
                    }
                    b.write();
                }
            }
        }
    }
}
