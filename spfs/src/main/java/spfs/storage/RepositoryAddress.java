package spfs.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import spfs.error.SpfsException;

/**
 * A repository address as spfs writes them, taken apart: {@code scheme:body?key=value&...}.
 * {@code file:/a}, {@code grpc://host:7737}, {@code proxy:?primary=origin&secondary[0]=b}; a
 * path with no scheme is a file address. Query values are decoded; a key may repeat (and
 * {@code secondary[0]}, {@code secondary[]} and {@code secondary} all name the list
 * {@code secondary}, as serde_qs, which spfs uses, writes and reads them).
 */
public record RepositoryAddress(String text, String scheme, String body, Map<String, List<String>> query) {
    private static final Pattern SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:.*", Pattern.DOTALL);
    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d*)\\]");

    public RepositoryAddress {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        query.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        query = java.util.Collections.unmodifiableMap(copy);
    }

    /** Whether {@code text} starts with a URL scheme (and so is an address, not a remote's name). */
    public static boolean hasScheme(String text) {
        // one letter before the colon is a Windows drive, never a scheme; spfs runs on Linux here
        return SCHEME.matcher(text).matches() && text.indexOf(':') > 1;
    }

    /** Takes an address apart; a text without a scheme is a file path. */
    public static RepositoryAddress parse(String text) {
        String rest = text;
        String scheme = "file";
        if (hasScheme(text)) {
            int colon = text.indexOf(':');
            scheme = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
            rest = text.substring(colon + 1);
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            for (String kv : rest.substring(q + 1).split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                String key = decode(eq < 0 ? kv : kv.substring(0, eq), text);
                String value = eq < 0 ? "" : decode(kv.substring(eq + 1), text);
                var m = INDEXED.matcher(key);
                if (m.matches()) {
                    key = m.group(1);
                }
                query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
            rest = rest.substring(0, q);
        }
        return new RepositoryAddress(text, scheme, rest, query);
    }

    private static String decode(String s, String address) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SpfsException.badInput("invalid-address", "invalid repository address '" + address + "': " + e.getMessage());
        }
    }

    /** The single value of {@code key}, if given. */
    public Optional<String> param(String key) {
        List<String> v = query.get(key);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /** Every value of {@code key}, in order. */
    public List<String> params(String key) {
        return query.getOrDefault(key, List.of());
    }

    /** A yes/no parameter: absent is {@code otherwise}; anything but true/false is bad input. */
    public boolean flag(String key, boolean otherwise) {
        Optional<String> v = param(key);
        if (v.isEmpty()) {
            return otherwise;
        }
        return switch (v.get()) {
            case "true", "" -> true;
            case "false" -> false;
            default -> throw SpfsException.badInput("invalid-address", "invalid repository address '" + text + "': "
                    + key + " must be true or false, not '" + v.get() + "'");
        };
    }

    /** The body without {@code //} and the empty host: {@code file:///a/b} and {@code file:/a/b} are /a/b. */
    public String path() {
        String s = body;
        if (s.startsWith("//")) {
            s = s.substring(2);
            // file://host/path: only the empty host is local
            if (!s.startsWith("/")) {
                int slash = s.indexOf('/');
                s = slash < 0 ? s : s.substring(slash);
            }
        }
        return s;
    }

    /** The address without its query. */
    public String withoutQuery() {
        int q = text.indexOf('?');
        return q < 0 ? text : text.substring(0, q);
    }
}
