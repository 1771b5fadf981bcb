package spk.debian.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import spk.debian.version.DebianVersion;

/**
 * The packages of one or more Packages files for one native architecture, indexed by name and
 * by provided name. When files are merged (bookworm and trixie), a package that appears in
 * several with the same name, version and architecture is kept once, as last read.
 */
public final class DebCatalog {
    private final List<DebPackage> packages;
    private final String nativeArch;
    private final Map<String, int[]> byName;
    private final Map<String, List<Provider>> providers;
    private final Map<String, int[]> essentialByName;

    /** A package providing a name, at {@code version} (null when the provide is unversioned). */
    public record Provider(int pkg, DebianVersion version) {}

    private DebCatalog(List<DebPackage> packages, String nativeArch) {
        this.packages = packages;
        this.nativeArch = nativeArch;
        Map<String, int[]> names = new HashMap<>(packages.size() * 2);
        Map<String, List<Provider>> provided = new HashMap<>(packages.size());
        Map<String, List<Integer>> essential = new HashMap<>();
        for (DebPackage p : packages) {
            int[] ids = names.get(p.name());
            if (ids == null) {
                names.put(p.name(), new int[] {p.id()});
            } else {
                // several versions of a name: kept newest first, the order an installer tries them in
                int[] more = java.util.Arrays.copyOf(ids, ids.length + 1);
                int at = more.length - 1;
                while (at > 0 && packages.get(more[at - 1]).version().compareTo(p.version()) < 0) {
                    more[at] = more[at - 1];
                    at--;
                }
                more[at] = p.id();
                names.put(p.name(), more);
            }
            for (Relation r : p.provides()) {
                provided.computeIfAbsent(r.name(), n -> new ArrayList<>(2)).add(new Provider(p.id(), r.version()));
            }
            if (p.essential()) {
                essential.computeIfAbsent(p.name(), n -> new ArrayList<>(1)).add(p.id());
            }
        }
        this.byName = names;
        this.providers = provided;
        this.essentialByName = new java.util.TreeMap<>();
        essential.forEach((n, ids) -> essentialByName.put(n, ids.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** Reads and merges Packages files (plain, xz or gzip) for {@code nativeArch}. */
    public static DebCatalog load(List<Path> files, String nativeArch) {
        List<DebPackage> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(PackagesReader.read(f, all.size()));
        }
        return of(all, nativeArch);
    }

    /**
     * A catalog of already parsed packages (their ids are reassigned in order). A package that
     * repeats an earlier one's name, version and architecture ({@code all} counting as native)
     * replaces it, the last one read winning, as in dose-distcheck.
     */
    public static DebCatalog of(List<DebPackage> parsed, String nativeArch) {
        List<DebPackage> kept = new ArrayList<>(parsed.size());
        Map<String, Object> byName = new HashMap<>(parsed.size() * 2);
        for (DebPackage p : parsed) {
            // "all" packages install as native ones: the same name and version in both is one package
            int earlier = -1;
            Object same = byName.get(p.name());
            if (same != null) {
                for (int id : same instanceof Integer one ? new int[] {one} : (int[]) same) {
                    DebPackage q = kept.get(id);
                    if (q.version().text().equals(p.version().text()) && installsNatively(q, nativeArch) == installsNatively(p, nativeArch)
                            && (installsNatively(q, nativeArch) || q.architecture().equals(p.architecture()))) {
                        earlier = id;
                    }
                }
            }
            int id = earlier < 0 ? kept.size() : earlier;
            DebPackage q = p.id() == id ? p : new DebPackage(id, p.name(), p.version(), p.architecture(),
                    p.multiArch(), p.essential(), p.depends(), p.conflicts(), p.breaksFrom(), p.provides(), p.raw());
            if (earlier >= 0) {
                kept.set(id, q);
            } else {
                kept.add(q);
                if (same == null) {
                    byName.put(p.name(), id);
                } else {
                    int[] ids = same instanceof Integer one ? new int[] {one} : (int[]) same;
                    int[] more = java.util.Arrays.copyOf(ids, ids.length + 1);
                    more[ids.length] = id;
                    byName.put(p.name(), more);
                }
            }
        }
        return new DebCatalog(Collections.unmodifiableList(kept), nativeArch);
    }

    public List<DebPackage> packages() {
        return packages;
    }

    public DebPackage get(int id) {
        return packages.get(id);
    }

    public int size() {
        return packages.size();
    }

    public String nativeArch() {
        return nativeArch;
    }

    private static final int[] NONE = new int[0];

    /** The packages of that name (any version), newest first. */
    public int[] named(String name) {
        return byName.getOrDefault(name, NONE);
    }

    /** True if some package has that name. */
    public boolean isReal(String name) {
        return byName.containsKey(name);
    }

    /** The packages that provide {@code name}, with the version provided. */
    public List<Provider> providers(String name) {
        return providers.getOrDefault(name, List.of());
    }

    /** Names with an {@code Essential: yes} package, and those packages. */
    public Map<String, int[]> essentials() {
        return Collections.unmodifiableMap(essentialByName);
    }

    private static boolean installsNatively(DebPackage p, String nativeArch) {
        return p.architecture().equals(nativeArch) || p.architecture().equals("all");
    }

    /** True if the package is built for this system: its architecture is the native one or {@code all}. */
    public boolean isNative(DebPackage p) {
        return p.architecture().equals(nativeArch) || p.architecture().equals("all");
    }
}
