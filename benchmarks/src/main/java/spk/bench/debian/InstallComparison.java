package spk.bench.debian;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares two runs of install solves over the same requests (JSON lines with {@code request},
 * {@code installable}, {@code size}, {@code millis}): {@code spk bench install --json} and
 * {@code benchmarks/debian/libsolv_install.py}. Prints the verdicts that differ, median and p99
 * solve times side by side (a Markdown table), and draws solve time against solution size as
 * an SVG scatter plot.
 *
 * <p>Usage: {@code InstallComparison SPK.jsonl LIBSOLV.jsonl PLOT.svg}
 */
public final class InstallComparison {
    private InstallComparison() {}

    /** One solve as a run reported it. */
    record Solve(String request, boolean installable, int size, double millis) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: InstallComparison SPK.jsonl LIBSOLV.jsonl PLOT.svg");
            System.exit(2);
        }
        Map<String, Solve> spk = read(Path.of(args[0]));
        Map<String, Solve> libsolv = read(Path.of(args[1]));
        int same = 0;
        List<String> differ = new ArrayList<>();
        for (Solve s : spk.values()) {
            Solve l = libsolv.get(s.request());
            if (l == null) {
                differ.add(s.request() + ": missing from the libsolv run");
            } else if (l.installable() == s.installable()) {
                same++;
            } else {
                differ.add(s.request() + ": spk " + s.installable() + ", libsolv " + l.installable());
            }
        }
        System.out.printf(Locale.ROOT, "requests: %d; same verdict: %d; installable (spk): %d%n", spk.size(), same,
                spk.values().stream().filter(Solve::installable).count());
        differ.forEach(d -> System.out.println("  differs: " + d));
        System.out.println();
        System.out.println("| solver | median [ms] | p99 [ms] | max [ms] | mean solution size |");
        System.out.println("|:---|---:|---:|---:|---:|");
        row("spk (Sat4j)", spk);
        row("libsolv (python3-solv)", libsolv);
        Files.writeString(Path.of(args[2]), svg(spk, libsolv), StandardCharsets.UTF_8);
    }

    private static void row(String name, Map<String, Solve> run) {
        double[] t = run.values().stream().mapToDouble(Solve::millis).sorted().toArray();
        double size = run.values().stream().mapToInt(Solve::size).average().orElse(0);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.0f |%n", name, percentile(t, 50), percentile(t, 99),
                t.length == 0 ? 0 : t[t.length - 1], size);
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static Map<String, Solve> read(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Solve> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = mapper.readTree(line);
            out.put(n.get("request").asText(), new Solve(n.get("request").asText(), n.get("installable").asBoolean(),
                    n.get("size").asInt(), n.get("millis").asDouble()));
        }
        return out;
    }

    /** Solve time (log scale) against solution size, one colour per solver. */
    static String svg(Map<String, Solve> spk, Map<String, Solve> libsolv) {
        int w = 720;
        int h = 440;
        int left = 70;
        int right = 20;
        int top = 30;
        int bottom = 50;
        int maxSize = 1;
        double minMs = Double.MAX_VALUE;
        double maxMs = 0;
        for (Map<String, Solve> run : List.of(spk, libsolv)) {
            for (Solve s : run.values()) {
                maxSize = Math.max(maxSize, s.size());
                minMs = Math.min(minMs, Math.max(s.millis(), 0.01));
                maxMs = Math.max(maxMs, s.millis());
            }
        }
        double lo = Math.floor(Math.log10(Math.max(minMs, 0.01)));
        double hi = Math.ceil(Math.log10(Math.max(maxMs, 0.1)));
        if (hi <= lo) {
            hi = lo + 1;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                w, h));
        sb.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"18\" font-size=\"14\">Install solve time against solution size (%d requests)</text>%n",
                left, spk.size()));
        int pw = w - left - right;
        int ph = h - top - bottom;
        for (int d = (int) lo; d <= (int) hi; d++) {
            double y = top + ph - (d - lo) / (hi - lo) * ph;
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s ms</text>%n",
                    left, y, left + pw, y, left - 6, y + 4, d >= 0 ? String.valueOf((long) Math.pow(10, d))
                            : String.valueOf(Math.pow(10, d))));
        }
        int step = niceStep(maxSize);
        for (int x = 0; x <= maxSize; x += step) {
            double px = left + (double) x / maxSize * pw;
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    px, top, px, top + ph, px, top + ph + 16, x));
        }
        sb.append(String.format(Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">packages in the solution</text>%n", left + pw / 2, h - 10));
        String[] colours = {"#d62728", "#1f77b4"};
        String[] names = {"spk (Sat4j)", "libsolv"};
        List<Map<String, Solve>> runs = List.of(spk, libsolv);
        for (int r = 0; r < runs.size(); r++) {
            for (Solve s : runs.get(r).values()) {
                double px = left + (double) s.size() / maxSize * pw;
                double py = top + ph - (Math.log10(Math.max(s.millis(), 0.01)) - lo) / (hi - lo) * ph;
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2\" fill=\"%s\" fill-opacity=\"0.5\"/>%n",
                        px, py, colours[r]));
            }
            sb.append(String.format(Locale.ROOT,
                    "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
                    left + 20 + r * 140, top + 12, colours[r], left + 30 + r * 140, top + 16, names[r]));
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static int niceStep(int max) {
        for (int step : new int[] {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000}) {
            if (max / step <= 10) {
                return step;
            }
        }
        return 10000;
    }
}
