package spk.cli.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records each root command's {@link CommandIndex} beside its class in the build's output (run by
 * the build, cli/pom.xml): {@code CommandIndexWriter OUTPUT_DIR ROOT_CLASS...}. Each root is
 * built in full by reflection, and the index is checked against it: the usage printed from the
 * index must be the reflective model's, for the root and for each plain subcommand. Beside it,
 * the root's usage as {@code --help} prints it, plain and in colour ({@link RecordedUsage}).
 */
public final class CommandIndexWriter {
    private CommandIndexWriter() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        for (String rootClass : Arrays.asList(args).subList(1, args.length)) {
            Class<?> type = Class.forName(rootClass);
            Subcommands order = type.getAnnotation(Subcommands.class);
            if (order == null) {
                throw new IllegalStateException(rootClass + " lists no @Subcommands");
            }
            CommandIndex index = CommandIndex.of(Cli.completeCommandLine(type.getDeclaredConstructor().newInstance()),
                    List.of(order.value()));
            List<String> usages = check(type, index);
            Path file = out.resolve(type.getPackageName().replace('.', '/')).resolve(CommandIndex.resourceName(type));
            Files.createDirectories(file.getParent());
            Files.write(file, index.lines(), StandardCharsets.UTF_8);
            for (boolean ansi : new boolean[] {false, true}) {
                Files.writeString(file.resolveSibling(RecordedUsage.resourceName(type, ansi)), usages.get(ansi ? 1 : 0),
                        StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * The usage the index gives is the reflective model's, for the root and each plain
     * subcommand, and so is what the root's {@code --help} prints, plain and in colour: those two
     * are returned, for {@link RecordedUsage}.
     */
    static List<String> check(Class<?> type, CommandIndex index) throws ReflectiveOperationException {
        var complete = Cli.completeCommandLine(type.getDeclaredConstructor().newInstance());
        var fast = Cli.commandLine(type.getDeclaredConstructor().newInstance(), index, "--help");
        same(type.getName(), complete.getUsageMessage(), fast.getUsageMessage());
        List<String> usages = new ArrayList<>();
        for (boolean ansi : new boolean[] {false, true}) {
            // fresh command lines: rendering sets a colour scheme on the one it renders
            String usage = RecordedUsage.render(Cli.commandLine(type.getDeclaredConstructor().newInstance(), index, "--help"), ansi);
            String reflective = RecordedUsage.render(Cli.completeCommandLine(type.getDeclaredConstructor().newInstance()), ansi);
            same(type.getName() + " --help" + (ansi ? " (ANSI)" : ""), reflective, usage);
            usages.add(usage);
        }
        for (CommandIndex.Entry e : index.subcommands()) {
            if (e.plain()) {
                var one = Cli.commandLine(type.getDeclaredConstructor().newInstance(), index, e.name());
                same(type.getName() + " " + e.name(), complete.getSubcommands().get(e.name()).getUsageMessage(),
                        one.getSubcommands().get(e.name()).getUsageMessage());
            }
        }
        return usages;
    }

    private static void same(String what, String reflective, String indexed) {
        if (!reflective.equals(indexed)) {
            throw new IllegalStateException(what + ": the usage from the command index differs from the annotations'\n"
                    + reflective + "\n---\n" + indexed);
        }
    }
}
