package spk.cli.spk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import spk.cli.app.GlobalOptions;
import spk.error.SpkException;
import spk.grammar.ident.Components;
import spk.spec.write.SpecWriter;
import spk.storage.runtime.RuntimeEnvironment;
import spk.storage.runtime.RuntimeEnvironment.InstalledPackage;
import spk.storage.runtime.RuntimeEnvironment.Provider;

/** What {@code spk view} prints about the current environment: its packages, or who provides a file. */
final class EnvironmentView {
    private EnvironmentView() {}

    /** Whether {@code path} is a file under /spfs, as SPK decides that a view argument is a path. */
    static boolean underSpfs(String path) {
        try {
            Path real = Path.of(path).toRealPath();
            return real.startsWith("/spfs");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The packages of the current environment: as a solution (text), or as YAML or JSON records. */
    static int current(CommandSpec spec, String format) throws JsonProcessingException {
        CurrentEnvironment.Current c = CurrentEnvironment.read(spec);
        PrintWriter out = spec.commandLine().getOut();
        List<InstalledPackage> pkgs = c.environment().packages();
        if (format.equals("text")) {
            out.println("Installed Packages:");
            for (InstalledPackage p : pkgs) {
                out.println("  " + p.spec().pkg() + Components.suffix(p.layers().keySet()) + "  (" + c.runtime().runtime().name() + ")");
            }
            out.println("Number of Packages: " + pkgs.size());
        } else {
            List<Map<String, Object>> data = new ArrayList<>();
            for (InstalledPackage p : pkgs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("package", p.spec().pkg().toString());
                m.put("name", p.spec().pkg().name().value());
                m.put("version", p.spec().pkg().version().toString());
                m.put("build", p.spec().pkg().build().toString());
                m.put("components", p.layers().keySet().stream().map(Object::toString).toList());
                Map<String, Object> layers = new LinkedHashMap<>();
                p.layers().forEach((k, v) -> layers.put(k.toString(), v.toString()));
                m.put("layers", layers);
                data.add(m);
            }
            print(out, data, format);
        }
        out.flush();
        return 0;
    }

    /**
     * The layers of the current environment that hold {@code path}, top first, with their package:
     * the topmost only unless {@code -v}, as SPK shows them.
     */
    static int provides(CommandSpec spec, String path, String format) throws JsonProcessingException {
        CurrentEnvironment.Current c = CurrentEnvironment.read(spec);
        String inSpfs = spfsPath(path);
        List<Provider> found = c.environment().providers(inSpfs);
        if (found.isEmpty()) {
            throw new NotProvided(inSpfs + ": not found in the current /spfs runtime (" + c.runtime().runtime().name() + ")");
        }
        PrintWriter out = spec.commandLine().getOut();
        int verbosity = GlobalOptions.of(spec).verbosity();
        if (!format.equals("text")) {
            List<Map<String, Object>> data = new ArrayList<>();
            for (Provider p : found) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("package", p.pkg().map(x -> x.spec().pkg() + Components.suffix(p.components().keySet())).orElse(null));
                m.put("layer", p.layer().toString());
                m.put("entry", entry(p));
                data.add(m);
            }
            print(out, Map.of(inSpfs, data), format);
            out.flush();
            return 0;
        }
        out.println(inSpfs + ": is in " + found.size() + (found.size() > 1 ? " packages/layers" : " package/layer")
                + (verbosity < 1 && found.size() > 1 ? ", topmost 1 shown, use -v to see all" : "") + ":");
        for (Provider p : verbosity < 1 ? found.subList(0, 1) : found) {
            out.println(" " + p.pkg().map(x -> x.spec().pkg() + Components.suffix(p.components().keySet()))
                    .orElse("an spfs layer of no spk package"));
            if (verbosity > 0) {
                Map<String, Object> e = entry(p);
                out.println("   layer " + p.layer() + ": " + e.get("kind") + " " + e.get("mode") + " " + e.get("size")
                        + (e.containsKey("digest") ? " " + e.get("digest") : ""));
            }
        }
        out.flush();
        return 0;
    }

    /** The path inside /spfs (with the leading /spfs), from an absolute path, a relative one, or one inside /spfs. */
    private static String spfsPath(String path) {
        Path p = Path.of(path);
        Path abs = p.isAbsolute() ? p.normalize() : Path.of("").toAbsolutePath().resolve(p).normalize();
        try {
            abs = abs.toRealPath();
        } catch (IOException e) {
            // not there (or not readable) on this side of the mount: use it as written
        }
        if (!abs.startsWith("/spfs")) {
            abs = Path.of("/spfs").resolve(p.isAbsolute() ? Path.of("/").relativize(p) : p).normalize();
        }
        return abs.toString();
    }

    private static Map<String, Object> entry(Provider p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.entry() instanceof spfs.tracking.FileNode f) {
            m.put("kind", f.isSymlink() ? "symlink" : "file");
            m.put("mode", String.format("%o", f.mode() & 07777));
            m.put("size", f.size());
            m.put("digest", f.object().toString());
        } else if (p.entry() instanceof spfs.tracking.DirNode d) {
            m.put("kind", "directory");
            m.put("mode", String.format("%o", d.mode() & 07777));
            m.put("size", d.children().size());
        }
        return m;
    }

    private static void print(PrintWriter out, Object data, String format) throws JsonProcessingException {
        if (format.equals("json")) {
            out.println(new ObjectMapper().writeValueAsString(data));
        } else {
            out.print(SpecWriter.dump(data));
        }
    }

    /** No layer of the current environment holds the path. */
    static final class NotProvided extends SpkException {
        private static final long serialVersionUID = 1L;

        NotProvided(String message) {
            super("not-provided", message);
        }

        @Override
        public Kind kind() {
            return Kind.UNSATISFIABLE;
        }
    }
}
