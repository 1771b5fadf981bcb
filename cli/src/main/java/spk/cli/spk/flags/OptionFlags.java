package spk.cli.spk.flags;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import picocli.CommandLine.Option;
import spk.grammar.option.OptionMap;
import spk.spec.problem.Problems;
import spk.spec.variant.HostOptions;
import spk.spec.yaml.YamlNode;

/** {@code -o/--opt name=value} (repeatable, also {@code name:value} or a YAML map) and {@code --no-host}. */
public final class OptionFlags {
    @Option(names = {"-o", "--opt"}, paramLabel = "NAME=VALUE",
            description = "Set an option: name=value, name:value or a YAML map '{a: 1, b: 2}'. Repeatable.")
    private List<String> opts = new ArrayList<>();

    @Option(names = "--no-host", description = "Leave out the host options (os, arch, distro).")
    private boolean noHost;

    /** The options to use: host options unless --no-host, then every -o in order. */
    public OptionMap options(HostOptions host) {
        OptionMap result = noHost ? OptionMap.EMPTY : host.options();
        for (String o : opts) {
            result = result.with(parse(o));
        }
        return result;
    }

    /** Only the -o options. */
    public OptionMap given() {
        OptionMap result = OptionMap.EMPTY;
        for (String o : opts) {
            result = result.with(parse(o));
        }
        return result;
    }

    public boolean noHost() {
        return noHost;
    }

    /** {@code name=value}, {@code name:value} or a YAML map {@code '{a: 1, b: 2}'}. */
    public static OptionMap parse(String text) {
        if (!text.strip().startsWith("{")) {
            return OptionMap.parseAssignment(text);
        }
        YamlNode map = YamlNode.parse("-o " + text, text);
        Problems problems = new Problems();
        TreeMap<String, String> out = new TreeMap<>();
        problems.capture(() -> {
            for (YamlNode.Entry e : map.entries()) {
                out.put(e.key(), e.value().isNull() ? "" : e.value().string());
            }
            return null;
        });
        problems.throwIfErrors();
        return new OptionMap(out);
    }
}
