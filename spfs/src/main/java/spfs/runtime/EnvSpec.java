package spfs.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import spfs.error.SpfsException;

/**
 * What {@code spfs run REF} accepts: {@code +}-joined items, each a digest, a partial digest, a
 * tag, or an absolute path to a {@code .spfs.yaml} file (a directory means its
 * {@code layer.spfs.yaml}). A file is a run spec ({@code api: spfs/v0/runspec}, whose
 * {@code layers} are expanded in place) or a live layer (the default api). {@code -} or an
 * empty string is the empty environment.
 */
public record EnvSpec(List<Item> items) {
    public EnvSpec {
        items = List.copyOf(items);
    }

    /** One item of an environment spec. */
    public sealed interface Item permits RefItem, LiveLayerItem {}

    /** A digest, partial digest or tag, resolved against repositories later. */
    public record RefItem(String ref) implements Item {}

    /** Host paths bound into /spfs. */
    public record LiveLayerItem(LiveLayer layer) implements Item {}

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public List<String> refs() {
        return items.stream().filter(i -> i instanceof RefItem).map(i -> ((RefItem) i).ref()).toList();
    }

    public List<LiveLayer> liveLayers() {
        return items.stream().filter(i -> i instanceof LiveLayerItem).map(i -> ((LiveLayerItem) i).layer()).toList();
    }

    /** Parses several specs (as given on a command line) into one. */
    public static EnvSpec parse(List<String> specs) {
        List<Item> out = new ArrayList<>();
        for (String s : specs) {
            out.addAll(parse(s).items());
        }
        return new EnvSpec(out);
    }

    public static EnvSpec parse(String spec) {
        List<Item> out = new ArrayList<>();
        parseInto(spec, out, new HashSet<>());
        return new EnvSpec(out);
    }

    private static void parseInto(String spec, List<Item> out, Set<Path> seen) {
        String s = spec.trim();
        if (s.isEmpty() || s.equals("-")) {
            return;
        }
        for (String part : s.split("\\+")) {
            String item = part.trim();
            if (item.isEmpty() || item.equals("-")) {
                continue;
            }
            if (item.startsWith("/")) {
                readFile(Path.of(item), out, seen);
            } else {
                out.add(new RefItem(item));
            }
        }
    }

    private static void readFile(Path given, List<Item> out, Set<Path> seen) {
        Path file = Files.isDirectory(given) ? given.resolve("layer.spfs.yaml") : given;
        if (!file.getFileName().toString().endsWith(".spfs.yaml")) {
            throw SpfsException.badInput("invalid-spec-file", "'" + given
                    + "' is not a spec file: its name must end in .spfs.yaml (or name a directory holding layer.spfs.yaml)");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            throw SpfsException.notFound("unknown-spec-file", "spec file '" + file + "' does not exist");
        }
        if (!seen.add(real)) {
            throw SpfsException.badInput("recursive-spec-file", "spec file '" + file + "' includes itself");
        }
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(real));
        } catch (IOException | YamlEngineException e) {
            throw SpfsException.badInput("invalid-spec-file", "cannot read spec file '" + file + "': "
                    + spfs.error.IoMessages.describe(e).lines().findFirst().orElse(""));
        } catch (StackOverflowError e) {
            // SnakeYAML Engine composes nested collections recursively and has no depth limit
            throw SpfsException.badInput("invalid-spec-file", "cannot read spec file '" + file
                    + "': its collections nest too deeply");
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw SpfsException.badInput("invalid-spec-file", "spec file '" + file + "' is not a YAML mapping");
        }
        String api = map.get("api") == null ? LiveLayer.API : String.valueOf(map.get("api"));
        switch (api) {
            case "spfs/v0/runspec", "v0/runspec" -> {
                if (!(map.get("layers") instanceof List<?> layers)) {
                    throw SpfsException.badInput("invalid-spec-file", "run spec '" + file + "' needs a list of layers");
                }
                for (Object l : layers) {
                    parseInto(String.valueOf(l), out, seen);
                }
            }
            case "spfs/v0/livelayer", "v0/livelayer", "v0/layer", "spfs/v0/layer" ->
                out.add(new LiveLayerItem(liveLayer(file, real.getParent(), map)));
            default -> throw SpfsException.badInput("invalid-spec-file", "spec file '" + file + "' has unknown api '" + api + "'");
        }
        seen.remove(real);
    }

    private static LiveLayer liveLayer(Path file, Path dir, Map<?, ?> map) {
        if (!(map.get("contents") instanceof List<?> contents)) {
            throw SpfsException.badInput("invalid-spec-file", "live layer '" + file + "' needs a list of contents");
        }
        List<BindMount> binds = new ArrayList<>();
        for (Object c : contents) {
            if (!(c instanceof Map<?, ?> m) || (m.get("bind") == null && m.get("src") == null) || m.get("dest") == null) {
                throw SpfsException.badInput("invalid-spec-file", "live layer '" + file
                        + "': each entry needs 'bind' (or 'src') and 'dest'");
            }
            String src = String.valueOf(m.get("bind") != null ? m.get("bind") : m.get("src"));
            Path abs;
            try {
                abs = dir.resolve(src).toRealPath();
            } catch (IOException e) {
                throw SpfsException.badInput("invalid-spec-file", "live layer '" + file + "': " + dir.resolve(src)
                        + " does not exist");
            }
            if (!abs.startsWith(dir)) {
                throw SpfsException.badInput("invalid-spec-file", "live layer '" + file + "': " + abs
                        + " is not under the live layer's directory " + dir);
            }
            binds.add(new BindMount(abs, String.valueOf(m.get("dest"))));
        }
        return new LiveLayer(LiveLayer.API, binds);
    }
}
