package spk.cli.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Shell completion scripts for a command line: bash as picocli writes it; zsh the same script,
 * which loads zsh's bash-completion layer itself; fish written here from the commands, their
 * aliases and options, and the values an option accepts.
 */
public final class CompletionScripts {
    /** The shells there are scripts for. */
    public enum Shell { bash, zsh, fish }

    private CompletionScripts() {}

    /** The script for {@code shell} that completes {@code root}'s command line. */
    public static String script(CommandLine root, Shell shell) {
        String name = root.getCommandName();
        return switch (shell) {
            case bash -> AutoComplete.bash(name, root);
            case zsh -> "# zsh completion for " + name + ": source it, e.g. in ~/.zshrc: source <(" + name
                    + " completion zsh)\n" + AutoComplete.bash(name, root);
            case fish -> fish(root);
        };
    }

    private static String fish(CommandLine root) {
        String name = root.getCommandName();
        String fn = "__" + name.replaceAll("[^A-Za-z0-9_]", "_");
        StringBuilder out = new StringBuilder("# fish completion for " + name + ": " + name
                + " completion fish > ~/.config/fish/completions/" + name + ".fish\n");
        // the words of the command line so far that are not options: the subcommands given
        out.append("function ").append(fn).append("_words\n")
                .append("    for t in (commandline -opc)[2..-1]\n")
                .append("        string match -q -- '-*' $t; or echo $t\n")
                .append("    end\n")
                .append("end\n");
        // the first words are one of each group of names (a subcommand and its aliases), in order
        out.append("function ").append(fn).append("_starts\n")
                .append("    set -l words (").append(fn).append("_words)\n")
                .append("    test (count $words) -ge (count $argv); or return 1\n")
                .append("    for i in (seq (count $argv))\n")
                .append("        contains -- $words[$i] (string split ' ' -- $argv[$i]); or return 1\n")
                .append("    end\n")
                .append("end\n");
        out.append("function ").append(fn).append("_is\n")
                .append("    test (count (").append(fn).append("_words)) -eq (count $argv); and ")
                .append(fn).append("_starts $argv\n")
                .append("end\n");
        fishLevel(out, name, fn, root, List.of());
        return out.toString();
    }

    /** The subcommands and options of {@code cl}, reached through {@code path} (each level's names). */
    private static void fishLevel(StringBuilder out, String program, String fn, CommandLine cl, List<List<String>> path) {
        List<String> children = new ArrayList<>();
        cl.getSubcommands().forEach((n, sub) -> {
            if (n.equals(sub.getCommandName()) && !sub.getCommandSpec().usageMessage().hidden()) {
                children.add(n);
            }
        });
        String groups = String.join(" ", path.stream().map(g -> "'" + String.join(" ", g) + "'").toList());
        for (String child : children) {
            CommandLine sub = cl.getSubcommands().get(child);
            out.append("complete -c ").append(program).append(" -f -n \"").append(fn).append("_is ").append(groups)
                    .append("\" -a ").append(quote(String.join(" ", names(sub)))).append(" -d ")
                    .append(quote(description(sub.getCommandSpec().usageMessage().description()))).append('\n');
        }
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.hidden()) {
                continue;
            }
            out.append("complete -c ").append(program);
            if (!path.isEmpty()) {
                out.append(" -n \"").append(fn).append("_starts ").append(groups).append('"');
            }
            for (String n : o.names()) {
                if (n.startsWith("--")) {
                    out.append(" -l ").append(n.substring(2));
                } else if (n.startsWith("-") && n.length() == 2) {
                    out.append(" -s ").append(n.charAt(1));
                } else {
                    out.append(" -o ").append(n.substring(1));
                }
            }
            if (o.arity().max() > 0 && !o.typeInfo().isBoolean()) {
                List<String> values = new ArrayList<>();
                if (o.completionCandidates() != null) {
                    o.completionCandidates().forEach(values::add);
                }
                out.append(values.isEmpty() ? " -r" : " -x -a " + quote(String.join(" ", values)));
            }
            out.append(" -d ").append(quote(description(o.description()))).append('\n');
        }
        for (String child : children) {
            CommandLine sub = cl.getSubcommands().get(child);
            List<List<String>> deeper = new ArrayList<>(path);
            deeper.add(names(sub));
            fishLevel(out, program, fn, sub, deeper);
        }
    }

    private static List<String> names(CommandLine cl) {
        List<String> out = new ArrayList<>(List.of(cl.getCommandName()));
        out.addAll(List.of(cl.getCommandSpec().aliases()));
        return out;
    }

    private static String description(String[] lines) {
        String d = String.join(" ", lines).replace("%n", " ").strip();
        int dot = d.indexOf(". ");
        d = dot > 0 ? d.substring(0, dot) : d;
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Parses a shell name for the completion commands. */
    public static Shell shell(String text, CommandSpec spec) {
        try {
            return Shell.valueOf(text.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no completion for '" + text
                    + "': the shells are bash, zsh and fish");
        }
    }
}
