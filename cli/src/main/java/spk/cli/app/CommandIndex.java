package spk.cli.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What the build recorded of a root command's model ({@link CommandIndexWriter}, a resource
 * beside the root's class): the root's name, description and options, and each subcommand's
 * name, aliases and description (and, where they are simple fields, its options and
 * parameters), so that {@link Cli} builds the root, the stand-ins of a listing, the
 * {@link PlainCommand} subcommands and those with simple fields without reading an annotation.
 */
public record CommandIndex(String name, List<String> description, String versionProvider, List<RootOption> options,
        List<Entry> subcommands) {
    private static final String FIELDS = "\t";
    private static final String ITEMS = "\u001f";

    public CommandIndex {
        description = List.copyOf(description);
        options = List.copyOf(options);
        subcommands = List.copyOf(subcommands);
    }

    /** What a root's option does; the only kinds a root may have on the fast path. */
    public enum OptionKind {
        USAGE_HELP, VERSION_HELP, VERBOSITY
    }

    /** One option of the root. */
    public record RootOption(List<String> names, List<String> description, OptionKind kind) {
        public RootOption {
            names = List.copyOf(names);
            description = List.copyOf(description);
        }
    }

    /** What a subcommand's field is to picocli. */
    public enum MemberKind {
        OPTION, POSITIONAL, SPEC
    }

    /**
     * A field of a subcommand: an option ({@code names}), a positional parameter ({@code names}
     * holds its index range) or the field picocli's {@code @Spec} fills; {@code type} is
     * {@code boolean}, {@code java.lang.String} or {@code java.util.List} (of strings).
     */
    public record Member(MemberKind kind, String declaringClass, String field, List<String> names, String arity,
            String paramLabel, List<String> description, String type, boolean hidden, boolean required) {
        public Member {
            names = List.copyOf(names);
            description = List.copyOf(description);
        }
    }

    /**
     * One subcommand: what its stand-in in a listing shows, its class, and whether it is a
     * {@link PlainCommand} that can be built from this alone; or, for a subcommand whose options
     * and parameters are all simple fields, those {@code members}, bound without reading their
     * annotations ({@link IndexedMembers}).
     */
    public record Entry(String name, List<String> aliases, List<String> description, List<String> header, boolean hidden,
            String className, boolean plain, List<Member> members) {
        public Entry {
            aliases = List.copyOf(aliases);
            description = List.copyOf(description);
            header = List.copyOf(header);
            members = List.copyOf(members);
        }

        /** Whether the index holds this subcommand's whole model. */
        boolean indexed() {
            return plain || !members.isEmpty();
        }

        /** The entry of an annotated subcommand class, read by reflection (no index at hand). */
        static Entry of(Class<?> sub) {
            Command c = sub.getAnnotation(Command.class);
            return new Entry(c.name(), List.of(c.aliases()), List.of(c.description()), List.of(c.header()), c.hidden(),
                    sub.getName(), false, List.of());
        }

        /** Whether one of {@code words} is this subcommand's name or an alias (a loop: no lambda on the start-up path). */
        boolean namedIn(List<String> words) {
            if (words.contains(name)) {
                return true;
            }
            for (String alias : aliases) {
                if (words.contains(alias)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The index the build recorded for {@code root}, if there is one (not when run from an IDE's classes, say). */
    static Optional<CommandIndex> recorded(Class<?> root) {
        // the class the build generated first: it comes from the class-data archive, where the
        // resource lookup (the boot and platform loaders asked first, then the jar opened) took
        // ~13 ms of the main thread on every start
        try {
            Class<?> generated = Class.forName(textClassName(root), true, root.getClassLoader());
            String text = (String) ((Supplier<?>) generated.getDeclaredConstructor().newInstance()).get();
            return Optional.of(parse(lines(text)));
        } catch (ClassNotFoundException e) {
            // not built by Maven (an IDE's classes): the resource, if any
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the build's " + textClassName(root) + " cannot be used", e);
        }
        try (InputStream in = root.getResourceAsStream(resourceName(root))) {
            if (in == null) {
                return Optional.empty();
            }
            // a loop, not lines(): a stream's lambdas would set up method handles, ~8 ms on the path
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
            return Optional.of(parse(lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a text, each ended by a line feed. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
            lines.add(text.substring(start, end));
            start = end + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /**
     * The binary name of the class the build generates beside the root ({@link CommandIndexWriter}),
     * a {@code Supplier} of the same text as the resource.
     */
    static String textClassName(Class<?> root) {
        return root.getName() + "RecordedCommands";
    }

    /** The resource's name, beside the root's class. */
    static String resourceName(Class<?> root) {
        return root.getSimpleName() + ".commands";
    }

    /**
     * The index of {@code complete}, a root built in full by reflection, whose subcommands are
     * listed in {@code order}. Fails on what the fast path cannot rebuild.
     */
    static CommandIndex of(CommandLine complete, List<Class<?>> order) {
        CommandSpec root = complete.getCommandSpec();
        if (!(root.userObject() instanceof PlainCommand) || !(root.userObject() instanceof GlobalOptions.Root)) {
            throw new IllegalStateException(root.name() + ": a root built from the index is a PlainCommand and a GlobalOptions.Root");
        }
        List<RootOption> options = new ArrayList<>();
        for (OptionSpec o : root.options()) {
            OptionKind kind = o.usageHelp() ? OptionKind.USAGE_HELP : o.versionHelp() ? OptionKind.VERSION_HELP
                    : o.longestName().equals("--verbose") && o.type() == boolean[].class ? OptionKind.VERBOSITY : null;
            if (kind == null) {
                throw new IllegalStateException(root.name() + ": option " + o.longestName()
                        + " cannot be recorded in the command index (Cli would have to build it from its annotation)");
            }
            options.add(new RootOption(List.of(o.names()), List.of(o.description()), kind));
        }
        if (!root.positionalParameters().isEmpty()) {
            throw new IllegalStateException(root.name() + ": a root with positional parameters cannot be indexed");
        }
        List<Entry> entries = new ArrayList<>();
        for (Class<?> sub : order) {
            Entry reflected = Entry.of(sub);
            CommandSpec spec = complete.getSubcommands().get(reflected.name()).getCommandSpec();
            boolean plain = spec.userObject() instanceof PlainCommand && spec.positionalParameters().isEmpty()
                    && spec.subcommands().isEmpty() && spec.mixins().isEmpty()
                    && spec.options().stream().allMatch(o -> o.inherited() || o.usageHelp());
            List<Member> members = plain ? List.of() : IndexedMembers.of(spec, sub).orElse(List.of());
            entries.add(new Entry(reflected.name(), List.of(spec.aliases()), List.of(spec.usageMessage().description()),
                    List.of(spec.usageMessage().header()), spec.usageMessage().hidden(), sub.getName(), plain, members));
        }
        String provider = root.versionProvider() == null ? "" : root.versionProvider().getClass().getName();
        return new CommandIndex(root.name(), List.of(root.usageMessage().description()), provider, options, entries);
    }

    /** The resource's lines: the root, its options, its subcommands in order. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(line("root", name, items(description), versionProvider));
        for (RootOption o : options) {
            lines.add(line("option", items(o.names()), items(o.description()), o.kind().name()));
        }
        for (Entry e : subcommands) {
            lines.add(line("sub", e.name(), items(e.aliases()), items(e.description()), items(e.header()),
                    Boolean.toString(e.hidden()), e.className(), Boolean.toString(e.plain())));
            for (Member m : e.members()) {
                lines.add(line("member", m.kind().name(), m.declaringClass(), m.field(), items(m.names()), m.arity(),
                        m.paramLabel(), items(m.description()), m.type(), Boolean.toString(m.hidden()),
                        Boolean.toString(m.required())));
            }
        }
        return lines;
    }

    static CommandIndex parse(List<String> lines) {
        String name = null;
        List<String> description = List.of();
        String provider = "";
        List<RootOption> options = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(FIELDS, -1);
            switch (f[0]) {
                case "root" -> {
                    name = f[1];
                    description = list(f[2]);
                    provider = f[3];
                }
                case "option" -> options.add(new RootOption(list(f[1]), list(f[2]), OptionKind.valueOf(f[3])));
                case "sub" -> entries.add(new Entry(f[1], list(f[2]), list(f[3]), list(f[4]), Boolean.parseBoolean(f[5]), f[6],
                        Boolean.parseBoolean(f[7]), List.of()));
                case "member" -> {
                    Entry last = entries.remove(entries.size() - 1);
                    List<Member> members = new ArrayList<>(last.members());
                    members.add(new Member(MemberKind.valueOf(f[1]), f[2], f[3], list(f[4]), f[5], f[6], list(f[7]), f[8],
                            Boolean.parseBoolean(f[9]), Boolean.parseBoolean(f[10])));
                    entries.add(new Entry(last.name(), last.aliases(), last.description(), last.header(), last.hidden(),
                            last.className(), last.plain(), members));
                }
                default -> throw new IllegalStateException("command index: unknown line " + line);
            }
        }
        if (name == null) {
            throw new IllegalStateException("command index: no root line");
        }
        return new CommandIndex(name, description, provider, options, entries);
    }

    private static String line(String... fields) {
        for (String f : fields) {
            if (f.contains("\n") || f.contains("\r") || f.contains(FIELDS)) {
                throw new IllegalStateException("command index: a line break or tab in " + Arrays.toString(fields));
            }
        }
        return String.join(FIELDS, fields);
    }

    private static String items(List<String> items) {
        for (String i : items) {
            if (i.contains(ITEMS) || i.contains(FIELDS)) {
                throw new IllegalStateException("command index: a separator in " + i);
            }
        }
        return String.join(ITEMS, items);
    }

    private static List<String> list(String field) {
        return field.isEmpty() ? List.of() : List.of(field.split(ITEMS, -1));
    }
}
