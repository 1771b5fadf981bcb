package spk.cli.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import spk.cli.spfs.SpfsCommand;
import spk.cli.spk.SpkCommand;

/**
 * The command index the build records beside each root (CommandIndexWriter) lets the short
 * commands start without reading annotations; it must say what the annotations say.
 */
class CommandIndexTest {
    private static final List<Object> ROOTS = List.of(new SpkCommand(), new SpfsCommand());

    @Test
    void theBuildsIndexIsTheAnnotationsAndSurvivesItsFormat() {
        for (Object root : ROOTS) {
            CommandIndex recorded = CommandIndex.recorded(root.getClass()).orElseThrow();
            List<Class<?>> order = List.of(root.getClass().getAnnotation(Subcommands.class).value());
            assertEquals(CommandIndex.of(Cli.completeCommandLine(root), order), recorded);
            assertEquals(recorded, CommandIndex.parse(recorded.lines()));
            assertTrue(recorded.subcommands().stream().anyMatch(e -> e.name().equals("version") && e.plain()),
                    "version is built from the index");
            assertTrue(recorded.subcommands().stream().noneMatch(e -> e.name().equals("help") && e.plain()),
                    "picocli's help command takes a parameter: built by reflection");
        }
    }

    @Test
    void theGeneratedClassSuppliesTheResourcesText() throws Exception {
        for (Object root : ROOTS) {
            Class<?> type = root.getClass();
            Class<?> text = Class.forName(CommandIndex.textClassName(type), false, type.getClassLoader());
            String supplied = (String) ((java.util.function.Supplier<?>) text.getDeclaredConstructor().newInstance()).get();
            List<String> resource;
            try (var in = type.getResourceAsStream(CommandIndex.resourceName(type))) {
                resource = CommandIndex.lines(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            assertEquals(resource, CommandIndex.lines(supplied));
            assertEquals(CommandIndex.recorded(type).orElseThrow().lines(), resource);
        }
    }

    @Test
    void aTextClassHoldsALongTextInPieces() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 9_000; i++) {
            b.append("l\u00e9ngth ").append(i).append(i % 7 == 0 ? "\n" : "\t\u001f\u20ac");
        }
        String text = b.toString();
        byte[] classFile = CommandIndexWriter.textClass("generated.Text", text);
        Class<?> type = new ClassLoader(null) {
            Class<?> define() {
                return defineClass("generated.Text", classFile, 0, classFile.length);
            }
        }.define();
        assertEquals(text, ((java.util.function.Supplier<?>) type.getDeclaredConstructor().newInstance()).get());
        assertEquals(List.of("a", "", "b"), CommandIndex.lines("a\n\nb\n"));
        assertEquals(List.of("a", "b"), CommandIndex.lines("a\nb"));
    }

    /**
     * A short command's root and subcommand come from the index (picocli's reflective model has
     * the mixins its annotations name; a model built from the index has none), and behave as the
     * annotations' do: -v reaches the global options, and the usage is the same.
     */
    @Test
    void shortCommandsAreBuiltFromTheIndex() {
        for (Object root : ROOTS) {
            CommandLine fast = Cli.commandLine(root, "-v", "version");
            assertTrue(fast.getCommandSpec().mixins().isEmpty(), "the root was modelled by reflection");
            assertTrue(fast.getSubcommands().get("version").getCommandSpec().mixins().isEmpty());
            assertTrue(!Cli.completeCommandLine(root).getCommandSpec().mixins().isEmpty(), "reflection makes mixins");
            assertEquals(Cli.completeCommandLine(root).getUsageMessage(), Cli.commandLine(root, "--help").getUsageMessage());
        }
        StringWriter out = new StringWriter();
        CommandLine cl = Cli.commandLine(new SpkCommand(), "-vv", "version");
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("-vv", "version"));
        assertTrue(out.toString().contains("\njava "), "-v counted through the index's binding: " + out);
        StringWriter quiet = new StringWriter();
        CommandLine plain = Cli.commandLine(new SpkCommand(), "version");
        plain.setOut(new PrintWriter(quiet));
        assertEquals(0, plain.execute("version"));
        assertTrue(!quiet.toString().contains("java "), quiet.toString());
    }

    /**
     * {@code spfs run}'s options and parameters come from the index, bound to its fields (no
     * annotation read on the way), and a command line parses into the same values as through
     * picocli's reflective model.
     */
    @Test
    void runIsModelledFromTheIndexAndParsesAsTheAnnotationsDo() {
        CommandIndex.Entry run = CommandIndex.recorded(SpfsCommand.class).orElseThrow().subcommands().stream()
                .filter(e -> e.name().equals("run")).findFirst().orElseThrow();
        assertTrue(!run.plain() && run.indexed(), "run's model is in the index: " + run);
        String[] args = {"-v", "run", "-e", "--runtime-name", "n", "--annotation", "a=b", "--annotation", "c:d", "bench/l0",
            "--", "sh", "-c", "exit 3"};
        CommandLine fast = Cli.commandLine(new SpfsCommand(), args);
        CommandLine.Model.CommandSpec fastRun = fast.getSubcommands().get("run").getCommandSpec();
        assertTrue(fastRun.options().stream().noneMatch(o -> o.userObject() instanceof java.lang.reflect.Field),
                "no option read from its annotation");
        CommandLine reflective = Cli.completeCommandLine(new SpfsCommand());
        fast.parseArgs(args);
        reflective.parseArgs(args);
        CommandLine.Model.CommandSpec slowRun = reflective.getSubcommands().get("run").getCommandSpec();
        assertEquals(values(slowRun), values(fastRun));
        assertEquals(List.of("bench/l0", "sh", "-c", "exit 3"), fastRun.positionalParameters().get(0).getValue());
        assertEquals(List.of("a=b", "c:d"), fastRun.findOption("--annotation").getValue());
        assertEquals(Boolean.TRUE, fastRun.findOption("-e").getValue());
        assertEquals(Boolean.FALSE, fastRun.findOption("--no-edit").getValue());
    }

    /**
     * Push and pull come from the index too (their policy flags are fields of a shared base
     * class, not a mixin, which the index cannot rebuild): every pull started with picocli's
     * reflective model of them before.
     */
    @Test
    void pushAndPullAreModelledFromTheIndex() {
        for (String name : List.of("pull", "push")) {
            CommandIndex.Entry e = CommandIndex.recorded(SpfsCommand.class).orElseThrow().subcommands().stream()
                    .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            assertTrue(e.indexed(), name + "'s model is in the index: " + e);
            for (String[] args : List.of(new String[] {name, "--resync", "-r", "grpc://127.0.0.1:1", "a", "b"},
                    new String[] {name, "--pull-tags", "a"})) {
                CommandLine fast = Cli.commandLine(new SpfsCommand(), args);
                CommandLine reflective = Cli.completeCommandLine(new SpfsCommand());
                fast.parseArgs(args);
                reflective.parseArgs(args);
                assertEquals(values(reflective.getSubcommands().get(name).getCommandSpec()),
                        values(fast.getSubcommands().get(name).getCommandSpec()));
            }
        }
    }

    private static List<String> values(CommandLine.Model.CommandSpec spec) {
        List<String> out = new ArrayList<>();
        spec.options().forEach(o -> out.add(o.longestName() + "=" + java.util.Arrays.deepToString(new Object[] {o.getValue()})));
        spec.positionalParameters().forEach(p -> out.add(p.index() + "=" + p.getValue()));
        return out;
    }

    /** picocli leaves out its java.time and java.sql converters (Cli.run): no option of ours may need one. */
    @Test
    void noOptionNeedsAConverterPicocliLeavesOut() {
        for (Object root : ROOTS) {
            List<String> needing = new ArrayList<>();
            walk(Cli.completeCommandLine(root), needing);
            assertEquals(List.of(), needing);
        }
    }

    private static void walk(CommandLine cl, List<String> needing) {
        for (CommandLine.Model.ArgSpec a : cl.getCommandSpec().args()) {
            List<Class<?>> types = new ArrayList<>(List.of(a.auxiliaryTypes()));
            types.add(a.type());
            for (Class<?> t : types) {
                for (String excluded : Cli.EXCLUDED_CONVERTERS.split(",")) {
                    if (t.getName().matches(excluded)) {
                        needing.add(cl.getCommandSpec().qualifiedName() + " " + a + ": " + t.getName());
                    }
                }
            }
        }
        cl.getSubcommands().values().forEach(sub -> walk(sub, needing));
    }

    /** The build refuses an index whose usage is not the annotations' (CommandIndexWriter's check). */
    @Test
    void anIndexThatDiffersFromTheAnnotationsIsRefused() throws Exception {
        CommandIndex real = CommandIndex.recorded(SpfsCommand.class).orElseThrow();
        CommandIndexWriter.check(SpfsCommand.class, real);
        List<CommandIndex.Entry> changed = new ArrayList<>(real.subcommands());
        CommandIndex.Entry first = changed.get(0);
        changed.set(0, new CommandIndex.Entry(first.name(), first.aliases(), List.of("Something else."), first.header(),
                first.hidden(), first.className(), first.plain(), first.members()));
        CommandIndex stale = new CommandIndex(real.name(), real.description(), real.versionProvider(), real.options(), changed);
        assertThrows(IllegalStateException.class, () -> CommandIndexWriter.check(SpfsCommand.class, stale));
    }

    @Command(name = "odd", description = "A root with an option the index cannot rebuild.")
    static final class OddRoot implements Callable<Integer>, PlainCommand, GlobalOptions.Root {
        @Option(names = "--color", description = "A colour.")
        String color;

        @Override
        public Integer call() {
            return 0;
        }

        @Override
        public void useSpec(CommandLine.Model.CommandSpec spec) {}

        @Override
        public GlobalOptions globalOptions() {
            return new GlobalOptions();
        }
    }

    @Command(name = "bare", description = "A root the index cannot hand its model to.")
    static final class BareRoot implements Callable<Integer> {
        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void aRootTheIndexCannotRebuildFailsTheBuild() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CommandIndex.of(Cli.completeCommandLine(new OddRoot()), List.of()));
        assertTrue(e.getMessage().contains("--color"), e.getMessage());
        IllegalStateException bare = assertThrows(IllegalStateException.class,
                () -> CommandIndex.of(Cli.completeCommandLine(new BareRoot()), List.of()));
        assertTrue(bare.getMessage().contains("PlainCommand"), bare.getMessage());
    }
}
