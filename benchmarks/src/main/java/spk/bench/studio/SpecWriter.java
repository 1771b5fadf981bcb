package spk.bench.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects built specs as YAML text, per package, with digests derived from the seed. */
final class SpecWriter {
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final long seed;
    private final Map<String, List<String>> files = new LinkedHashMap<>();
    private final Set<String> written = new LinkedHashSet<>();

    SpecWriter(long seed) {
        this.seed = seed;
    }

    /** The specs of each package, in the order written. */
    Map<String, List<String>> files() {
        return files;
    }

    /** Starts a build of {@code name/version}. */
    Build build(String name, String version) {
        return new Build(name, version);
    }

    /** One built spec; {@link #write} adds it unless an identical build of the version exists. */
    final class Build {
        private final String name;
        private final String version;
        private String compat;
        private boolean deprecated;
        private final List<String> options = new ArrayList<>();
        private final List<String> requirements = new ArrayList<>();
        private final List<String> components = new ArrayList<>();
        private final List<String> embedded = new ArrayList<>();

        Build(String name, String version) {
            this.name = name;
            this.version = version;
        }

        Build compat(String c) {
            compat = c;
            return this;
        }

        Build deprecated(boolean d) {
            deprecated = d;
            return this;
        }

        Build var(String option, String value) {
            options.add("{var: " + option + ", static: \"" + value + "\"}");
            return this;
        }

        Build pkgOption(String pkg, String value) {
            options.add("{pkg: " + pkg + ", static: \"" + value + "\"}");
            return this;
        }

        Build require(String request) {
            requirements.add("{pkg: \"" + request + "\"}");
            return this;
        }

        Build requireIfPresent(String request) {
            requirements.add("{pkg: \"" + request + "\", include: IfAlreadyPresent}");
            return this;
        }

        Build requireVar(String var, String value) {
            requirements.add("{var: \"" + var + "/" + value + "\"}");
            return this;
        }

        /** {@code lib}, {@code devel} (uses lib, needs {@code develNeeds} if given), {@code docs}, {@code run} (uses lib). */
        Build components(String develNeeds) {
            components.add("{name: lib}");
            components.add(develNeeds == null ? "{name: devel, uses: [lib]}"
                    : "{name: devel, uses: [lib], requirements: [{pkg: \"" + develNeeds + "\"}]}");
            components.add("{name: docs}");
            components.add("{name: run, uses: [lib]}");
            return this;
        }

        /** Carries its own copy of {@code name/version} with a fixed {@code abi} option. */
        Build embed(String pkg, String version, String abi) {
            embedded.add("- pkg: " + pkg + "/" + version + "\n        build:\n          options:\n"
                    + "            - {var: abi, static: \"" + abi + "\"}\n"
                    + "        install:\n          components:\n            - {name: run}\n");
            return this;
        }

        /** Adds the spec; false if the same build was already written. */
        boolean write() {
            StringBuilder body = new StringBuilder();
            if (compat != null) {
                body.append("  compat: ").append(compat).append('\n');
            }
            if (deprecated) {
                body.append("  deprecated: true\n");
            }
            if (!options.isEmpty()) {
                body.append("  build:\n    options:\n");
                options.forEach(o -> body.append("      - ").append(o).append('\n'));
            }
            if (!requirements.isEmpty() || !components.isEmpty() || !embedded.isEmpty()) {
                body.append("  install:\n");
            }
            if (!requirements.isEmpty()) {
                body.append("    requirements:\n");
                requirements.forEach(r -> body.append("      - ").append(r).append('\n'));
            }
            if (!components.isEmpty()) {
                body.append("    components:\n");
                components.forEach(c -> body.append("      - ").append(c).append('\n'));
            }
            if (!embedded.isEmpty()) {
                body.append("    embedded:\n");
                embedded.forEach(e -> body.append("      ").append(e));
            }
            String key = name + "/" + version + "\n" + body;
            if (!written.add(key)) {
                return false;
            }
            String spec = "- pkg: " + name + "/" + version + "/" + digest(key) + "\n" + body;
            files.computeIfAbsent(name, n -> new ArrayList<>()).add(spec);
            return true;
        }
    }

    /** Eight base32 characters derived from the build's text and the seed, as SPK's digests look. */
    private String digest(String text) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 29;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            sb.append(BASE32.charAt((int) ((h >>> (k * 5)) & 31)));
        }
        return sb.toString();
    }
}
