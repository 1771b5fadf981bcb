package spk.cli.spk;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spk.error.SpkException;
import spk.solver.NameOrder;
import spk.solver.OrderSettings;

/**
 * The parts of SPK's configuration this project reads, as SPK does, later sources winning:
 * /etc/spk.toml, then $XDG_CONFIG_HOME/spk/spk.toml (default ~/.config), then SPK_ variables
 * ({@code SPK_SOLVER_REQUEST_PRIORITY_ORDER}). Today: the solver's ordering settings.
 */
public record SpkConfig(OrderSettings solverOrder) {
    private static final List<String> ORDER_KEYS = List.of("request_priority_order", "build_key_name_order");

    /** Loads from the standard places and {@code env}. */
    public static SpkConfig load(Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> from = new LinkedHashMap<>();
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        Path xdg = Optional.ofNullable(env.get("XDG_CONFIG_HOME")).filter(s -> !s.isEmpty()).map(Path::of)
                .orElse(home.resolve(".config"));
        for (Path file : List.of(Path.of("/etc/spk.toml"), xdg.resolve("spk").resolve("spk.toml"))) {
            readSolverSection(file, values, from);
        }
        for (String key : ORDER_KEYS) {
            String var = "SPK_SOLVER_" + key.toUpperCase(java.util.Locale.ROOT);
            if (env.containsKey(var)) {
                values.put(key, env.get(var));
                from.put(key, "$" + var);
            }
        }
        return new SpkConfig(new OrderSettings(
                order(values, from, "request_priority_order"), order(values, from, "build_key_name_order")));
    }

    private static NameOrder order(Map<String, String> values, Map<String, String> from, String key) {
        String v = values.get(key);
        return v == null ? NameOrder.NONE : NameOrder.parse(v, "solver." + key + " (" + from.get(key) + ")");
    }

    /** [solver] keys of one file; a value may be a comma-separated string or a list of patterns. */
    private static void readSolverSection(Path file, Map<String, String> values, Map<String, String> from) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<?, ?> tree;
        try {
            tree = new TomlMapper().readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new InvalidConfig("cannot read config file " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (!(tree.get("solver") instanceof Map<?, ?> solver)) {
            return;
        }
        for (String key : ORDER_KEYS) {
            Object v = solver.get(key);
            if (v == null) {
                continue;
            }
            String text;
            if (v instanceof String s) {
                text = s;
            } else if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
                text = String.join(",", list.stream().map(String.class::cast).toList());
            } else {
                throw new InvalidConfig(file + ": solver." + key
                        + " must be a comma-separated string or a list of strings of glob patterns");
            }
            values.put(key, text);
            from.put(key, file.toString());
        }
    }

    /** A config file that cannot be read or holds a value of the wrong kind. */
    static final class InvalidConfig extends SpkException {
        private static final long serialVersionUID = 1L;

        InvalidConfig(String message) {
            super("invalid-config", message);
        }

        @Override
        public Kind kind() {
            return Kind.BAD_INPUT;
        }
    }
}
