package spfs.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import spfs.error.SpfsException;
import spfs.graph.DigestStrategy;
import spfs.graph.EncodingFormat;
import spfs.graph.ObjectFormat;

/**
 * Reads configuration as spfs does, later sources winning: /etc/spfs.toml, then
 * $XDG_CONFIG_HOME/spfs/spfs.toml (default ~/.config), then SPFS_ variables with "__" between
 * key parts (SPFS_STORAGE__ROOT), then SPFS_ variables with single "_" (SPFS_STORAGE_ROOT,
 * SPFS_REMOTE_origin_ADDRESS). Only TOML files are read (spfs also reads INI/YAML/JSON).
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    private static final List<String> KNOWN_KEYS = List.of(
            "user.name", "user.domain", "storage.root", "storage.tag_namespace", "storage.digest_strategy",
            "storage.encoding_format", "storage.allow_payload_sharing_between_users", "storage.shared_group",
            "filesystem.annotation_size_limit", "filesystem.backend", "filesystem.tmpfs_size");

    /** Loads from the standard places and {@code env}. */
    public static Config load(Map<String, String> env) {
        Map<String, String> flat = new TreeMap<>();
        Path home = Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
        readToml(Path.of("/etc/spfs.toml"), flat);
        Path xdg = Optional.ofNullable(env.get("XDG_CONFIG_HOME")).filter(s -> !s.isEmpty()).map(Path::of)
                .orElse(home.resolve(".config"));
        readToml(xdg.resolve("spfs").resolve("spfs.toml"), flat);
        Map<String, String> single = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("SPFS_")) {
                continue;
            }
            String rest = k.substring(5);
            if (rest.contains("__")) {
                flat.put(String.join(".", rest.split("__")).toLowerCase(Locale.ROOT), e.getValue());
            } else {
                single.put(rest, e.getValue());
            }
        }
        single.forEach((k, v) -> singleUnderscoreKey(k).ifPresent(key -> flat.put(key, v)));
        return build(flat, env, home);
    }

    /** SPFS_STORAGE_ROOT → storage.root; SPFS_REMOTE_origin_ADDRESS → remote.origin.address. */
    private static Optional<String> singleUnderscoreKey(String rest) {
        String lower = rest.toLowerCase(Locale.ROOT);
        for (String known : KNOWN_KEYS) {
            if (known.replace('.', '_').equals(lower)) {
                return Optional.of(known);
            }
        }
        if (lower.startsWith("remote_")) {
            String tail = rest.substring("remote_".length());
            for (String field : List.of("ADDRESS", "TAG_NAMESPACE", "PATH", "SCHEME", "WHEN", "ENDPOINT", "REGION", "PATH_STYLE",
                    "PROFILE")) {
                if (tail.toUpperCase(Locale.ROOT).endsWith("_" + field) && tail.length() > field.length() + 1) {
                    String name = tail.substring(0, tail.length() - field.length() - 1);
                    return Optional.of("remote." + name + "." + field.toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    private static void readToml(Path file, Map<String, String> into) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            ObjectMapper m = new TomlMapper();
            Map<?, ?> tree = m.readValue(file.toFile(), Map.class);
            flatten("", tree, into);
        } catch (IOException e) {
            throw SpfsException.badInput("invalid-config", "cannot read config file " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static void flatten(String prefix, Map<?, ?> m, Map<String, String> into) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> sub) {
                flatten(key + ".", sub, into);
            } else if (e.getValue() != null) {
                into.put(key, String.valueOf(e.getValue()));
            }
        }
    }

    private static Config build(Map<String, String> flat, Map<String, String> env, Path home) {
        String rootText = flat.get("storage.root");
        Path root;
        if (rootText == null || rootText.isEmpty()) {
            Path data = Optional.ofNullable(env.get("XDG_DATA_HOME")).filter(s -> !s.isEmpty()).map(Path::of)
                    .orElse(home.resolve(".local").resolve("share"));
            root = data.resolve("spfs");
        } else {
            root = expandHome(rootText, home);
        }
        DigestStrategy strategy = switch (flat.getOrDefault("storage.digest_strategy", "WithKindAndSalt")) {
            case "Legacy", "legacy" -> DigestStrategy.LEGACY;
            case "WithKindAndSalt", "with_kind_and_salt" -> DigestStrategy.WITH_KIND_AND_SALT;
            default -> throw SpfsException.badInput("invalid-config", "storage.digest_strategy must be WithKindAndSalt or Legacy");
        };
        EncodingFormat encoding = switch (flat.getOrDefault("storage.encoding_format", "FlatBuffers")) {
            case "Legacy", "legacy" -> EncodingFormat.LEGACY;
            case "FlatBuffers", "flatbuffers", "Flatbuffers" -> EncodingFormat.FLATBUFFERS;
            default -> throw SpfsException.badInput("invalid-config", "storage.encoding_format must be FlatBuffers or Legacy");
        };
        Map<String, Config.RemoteConfig> remotes = new TreeMap<>();
        Map<String, Map<String, String>> byName = new TreeMap<>();
        flat.forEach((k, v) -> {
            if (k.startsWith("remote.")) {
                String rest = k.substring(7);
                int dot = rest.lastIndexOf('.');
                if (dot > 0) {
                    byName.computeIfAbsent(rest.substring(0, dot), n -> new TreeMap<>()).put(rest.substring(dot + 1), v);
                }
            }
        });
        byName.forEach((name, fields) -> {
            String address = remoteAddress(fields, home);
            if (address != null) {
                Map<String, String> options = new TreeMap<>(fields);
                options.keySet().removeAll(List.of("address", "tag_namespace", "path", "scheme", "when"));
                remotes.put(name, new Config.RemoteConfig(address, Optional.ofNullable(fields.get("tag_namespace")),
                        Optional.ofNullable(fields.get("when")).filter(w -> !w.isEmpty()), options));
            }
        });
        String user = flat.getOrDefault("user.name", System.getProperty("user.name", "unknown"));
        String domain = flat.containsKey("user.domain") ? flat.get("user.domain") : HostName.current();
        long limit;
        try {
            limit = Long.parseLong(flat.getOrDefault("filesystem.annotation_size_limit", "16384"));
        } catch (NumberFormatException e) {
            throw SpfsException.badInput("invalid-config", "filesystem.annotation_size_limit must be a number");
        }
        return new Config(root, Optional.ofNullable(flat.get("storage.tag_namespace")).filter(s -> !s.isEmpty()),
                new ObjectFormat(strategy, encoding), user, domain, remotes,
                Boolean.parseBoolean(flat.getOrDefault("storage.allow_payload_sharing_between_users", "false")), limit,
                new Config.Filesystem(spfs.mount.MountBackend.parse(flat.getOrDefault("filesystem.backend", "OverlayFsWithRenders")),
                        Optional.ofNullable(flat.get("filesystem.tmpfs_size")).filter(v -> !v.isEmpty()),
                        secondaryRepositories(flat.get("filesystem.secondary_repositories"))),
                Optional.ofNullable(flat.get("storage.shared_group")).filter(s -> !s.isEmpty()),
                awsVariables(env));
    }

    /** The AWS_ variables (endpoint, region, credentials) for object-store repositories. */
    private static Map<String, String> awsVariables(Map<String, String> env) {
        Map<String, String> out = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("AWS_")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** Query parameters of a grpc remote that spfs's config spells as fields beside its address. */
    private static final List<String> RPC_PARAMS = List.of("lazy", "timeout_ms", "max_decode_message_size_bytes",
            "max_encode_message_size_bytes");

    /**
     * A remote's address from its fields, as spfs's config reads them: {@code address = URL}, or
     * {@code scheme} with its own fields ({@code path} for fs and tar; {@code address} and the
     * client parameters for grpc; {@code primary}, {@code secondary} and
     * {@code include_secondary_tags} for proxy and fallback). Null when it names none.
     */
    private static String remoteAddress(Map<String, String> fields, Path home) {
        String scheme = fields.getOrDefault("scheme", "");
        String address = fields.get("address");
        if (scheme.equals("proxy") || scheme.equals("fallback")) {
            StringBuilder b = new StringBuilder(scheme).append(":?primary=").append(queryValue(fields.getOrDefault("primary", "")));
            List<String> secondary = textList(fields.get("secondary"));
            for (int i = 0; i < secondary.size(); i++) {
                b.append("&secondary[").append(i).append("]=").append(queryValue(secondary.get(i)));
            }
            Optional.ofNullable(fields.get("include_secondary_tags")).ifPresent(v -> b.append("&include_secondary_tags=").append(v));
            return b.toString();
        }
        if (address == null && fields.get("path") != null) {
            String path = expandHome(fields.get("path"), home).toString();
            return scheme.equals("tar") ? "tar:" + path : "file:" + path;
        }
        if (address != null && scheme.equals("grpc")) {
            StringBuilder b = new StringBuilder(address);
            for (String p : RPC_PARAMS) {
                if (fields.containsKey(p)) {
                    b.append(b.indexOf("?") < 0 ? '?' : '&').append(p).append('=').append(queryValue(fields.get(p)));
                }
            }
            return b.toString();
        }
        return address;
    }

    private static String queryValue(String v) {
        return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A TOML list of strings arrives flattened as its text form "[a, b]"; a plain value is a list of one. */
    private static List<String> textList(String text) {
        if (text == null) {
            return List.of();
        }
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        return java.util.Arrays.stream(t.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    /** The remotes a FUSE view reads through: origin unless configured. */
    private static List<String> secondaryRepositories(String text) {
        return text == null ? List.of("origin") : textList(text);
    }

    private static Path expandHome(String p, Path home) {
        if (p.equals("~")) {
            return home;
        }
        if (p.startsWith("~/")) {
            return home.resolve(p.substring(2));
        }
        return Path.of(p);
    }
}
