package spk.spec.variant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import spk.grammar.name.OptName;
import spk.grammar.option.OptionMap;
import spk.spec.model.AutoHostVars;
import spk.spec.model.Opt;

/**
 * The options that describe this machine: {@code os}, {@code arch}, {@code distro} and a var
 * named after the distro holding its version ({@code debian: 12}).
 */
public record HostOptions(String os, String arch, Optional<String> distro, Optional<String> distroVersion) {
    /** The var used when the distro's id is missing. */
    public static final String UNKNOWN_DISTRO = "unknown_distro";

    /** Reads this machine's values (os-release for the distro). */
    public static HostOptions detect() {
        String os = System.getProperty("os.name", "linux").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            os = "linux";
        } else if (os.startsWith("mac")) {
            os = "macos";
        } else if (os.startsWith("windows")) {
            os = "windows";
        }
        String arch = switch (System.getProperty("os.arch", "x86_64")) {
            case "amd64", "x86_64" -> "x86_64";
            case "arm64", "aarch64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        Optional<String> id = Optional.empty();
        Optional<String> version = Optional.empty();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("ID=")) {
                    id = Optional.of(unquote(line.substring(3)));
                } else if (line.startsWith("VERSION_ID=")) {
                    version = Optional.of(unquote(line.substring(11)));
                }
            }
        } catch (IOException e) {
            // no os-release: the distro stays unknown, as in SPK
        }
        return new HostOptions(os, arch, id, version);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && (s.startsWith("\"") || s.startsWith("'")) ? s.substring(1, s.length() - 1) : s;
    }

    /** The name of the distro-version var: the distro id made a valid option name. */
    public String distroVarName() {
        if (distro.isEmpty()) {
            return UNKNOWN_DISTRO;
        }
        String id = distro.get();
        try {
            return OptName.parse(id).value();
        } catch (RuntimeException e) {
            StringBuilder sb = new StringBuilder();
            for (char c : id.toLowerCase(Locale.ROOT).toCharArray()) {
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                    sb.append(c);
                }
            }
            while (sb.length() < 2) {
                sb.append('_');
            }
            return sb.length() > 64 ? sb.substring(0, 64) : sb.toString();
        }
    }

    /** The host options as an option map (used unless {@code --no-host}). */
    public OptionMap options() {
        TreeMap<String, String> m = new TreeMap<>();
        m.put("os", os);
        m.put("arch", arch);
        distro.ifPresent(d -> m.put("distro", d));
        if (distro.isPresent()) {
            m.put(distroVarName(), distroVersion.orElse(""));
        }
        return new OptionMap(m);
    }

    /** The var options {@code auto_host_vars} adds to a recipe (without values). */
    public List<Opt> autoVars(AutoHostVars mode) {
        return switch (mode) {
            case NONE -> List.of();
            case OS -> List.of(Opt.Var.named(OptName.parse("os")));
            case ARCH -> List.of(Opt.Var.named(OptName.parse("os")), Opt.Var.named(OptName.parse("arch")));
            case DISTRO -> List.of(Opt.Var.named(OptName.parse("os")), Opt.Var.named(OptName.parse("arch")),
                    Opt.Var.named(OptName.parse("distro")), Opt.Var.named(OptName.parse(distroVarName())));
        };
    }
}
