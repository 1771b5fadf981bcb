package spk.bench.solver;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a seeded synthetic SPK catalog: one YAML file per package, each a list of built specs.
 * Packages have 20 to 30 versions of 3 builds each (differing in var options). They come in
 * tiers, as real catalogs do: a few core packages (4%) that depend only on each other, a middle
 * layer (26%) on core and sometimes middle packages, and many leaves on both. Builds require 2
 * to 4 packages with ranges that mostly but not always admit the newest versions, and some
 * pin a dependency's abi option; a few builds are deprecated, a few packages embed another.
 */
public final class CatalogGenerator {
    private CatalogGenerator() {}

    public static String name(int i) {
        return "pkg-" + i;
    }

    /** The versions of package i, oldest first. */
    static List<String> versions(int i, long seed) {
        Random r = new Random(seed * 31 + i);
        int count = 20 + r.nextInt(11);
        List<String> out = new ArrayList<>();
        int major = 1 + r.nextInt(3);
        int minor = 0;
        int patch = 0;
        for (int v = 0; v < count; v++) {
            out.add(major + "." + minor + "." + patch);
            int step = r.nextInt(10);
            if (step == 0) {
                major++;
                minor = 0;
                patch = 0;
            } else if (step < 4) {
                minor++;
                patch = 0;
            } else {
                patch++;
            }
        }
        return out;
    }

    /** Writes the catalog under {@code dir}; returns the number of builds written. */
    public static int write(Path dir, int packages, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        int builds = 0;
        List<List<String>> allVersions = new ArrayList<>();
        for (int i = 0; i < packages; i++) {
            allVersions.add(versions(i, seed));
        }
        for (int i = 0; i < packages; i++) {
            Path f = dir.resolve("p" + (i / 500)).resolve(name(i) + ".yaml");
            Files.createDirectories(f.getParent());
            try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
                List<String> versions = allVersions.get(i);
                boolean embeds = i > 100 && r.nextInt(100) == 0;
                for (int vi = 0; vi < versions.size(); vi++) {
                    String version = versions.get(vi);
                    List<String> reqs = requirements(i, vi, versions.size(), allVersions, r);
                    for (int b = 0; b < 3; b++) {
                        String digest = digest(i, vi, b);
                        StringBuilder sb = new StringBuilder();
                        sb.append("- pkg: ").append(name(i)).append('/').append(version).append('/').append(digest)
                                .append('\n');
                        if (r.nextInt(50) == 0) {
                            sb.append("  deprecated: true\n");
                        }
                        sb.append("  build:\n    options:\n");
                        sb.append("      - {var: os, static: linux}\n");
                        sb.append("      - {var: arch, static: x86_64}\n");
                        sb.append("      - {var: debug, static: ").append(b == 2 ? "on" : "off").append("}\n");
                        sb.append("      - {var: abi, static: ").append(b == 1 ? "cp39" : "cp37").append("}\n");
                        if (!reqs.isEmpty() || embeds) {
                            sb.append("  install:\n");
                        }
                        if (!reqs.isEmpty()) {
                            sb.append("    requirements:\n");
                            for (String req : reqs) {
                                sb.append("      - ").append(req).append('\n');
                            }
                        }
                        if (embeds) {
                            sb.append("    embedded:\n      - pkg: embedded-").append(i).append("/1.0.0\n");
                        }
                        w.write(sb.toString());
                        builds++;
                    }
                }
            }
        }
        return builds;
    }

    /** Sizes of the tiers: a few core packages everything uses, a middle layer, and many leaves. */
    static final double CORE = 0.04;
    static final double MIDDLE = 0.30;

    private static List<String> requirements(int i, int vi, int vcount, List<List<String>> all, Random r) {
        List<String> out = new ArrayList<>();
        int n = all.size();
        int core = Math.max(1, (int) (n * CORE));
        int middle = Math.max(core + 1, (int) (n * MIDDLE));
        List<Integer> picked = new ArrayList<>();
        if (i < core) {
            pick(picked, 0, i, r.nextInt(3), r);
        } else if (i < middle) {
            pick(picked, 0, core, 1 + r.nextInt(3), r);
            pick(picked, core, i, r.nextInt(2), r);
        } else {
            pick(picked, 0, core, 1 + r.nextInt(2), r);
            pick(picked, core, middle, 1 + r.nextInt(2), r);
        }
        for (int j : picked) {
            List<String> dv = all.get(j);
            // newer builds ask for newer versions of their dependencies
            int anchor = Math.max(0, Math.min(dv.size() - 1, (int) ((double) vi / vcount * dv.size()) - r.nextInt(4)));
            String base = dv.get(anchor);
            String range = switch (r.nextInt(6)) {
                case 0 -> ">=" + base;
                case 1 -> "~" + base.substring(0, base.lastIndexOf('.'));
                case 2 -> "^" + base;
                case 3 -> base.substring(0, base.lastIndexOf('.'));
                case 4 -> ">=" + base + ",<" + (Integer.parseInt(base.substring(0, base.indexOf('.'))) + 2);
                default -> "";
            };
            out.add("{pkg: " + name(j) + (range.isEmpty() ? "" : "/" + range) + "}");
        }
        if (!picked.isEmpty() && r.nextInt(10) == 0) {
            out.add("{var: " + name(picked.get(0)) + ".abi/" + (r.nextBoolean() ? "cp37" : "cp39") + "}");
        }
        return out;
    }

    /** Adds {@code count} distinct packages from [from, to). */
    private static void pick(List<Integer> picked, int from, int to, int count, Random r) {
        for (int k = 0; k < count && to > from; k++) {
            int j = from + r.nextInt(to - from);
            if (!picked.contains(j)) {
                picked.add(j);
            }
        }
    }

    private static String digest(int i, int vi, int b) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        long x = (i * 1_000_003L + vi * 101L + b) * 2654435761L;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            sb.append(alphabet.charAt((int) ((x >>> (k * 5)) & 31)));
        }
        return sb.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/catalog");
        int packages = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        long start = System.nanoTime();
        int builds = write(dir, packages, seed);
        System.out.printf("wrote %d packages, %d builds to %s in %.1f s%n", packages, builds, dir,
                (System.nanoTime() - start) / 1e9);
    }
}
