package spk.cli.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import spk.cli.packaging.BuildOutputs;

/**
 * Records each root command's {@link CommandIndex} beside its class in the build's output (run by
 * the build, cli/pom.xml): {@code CommandIndexWriter OUTPUT_DIR ROOT_CLASS...}. Each root is
 * built in full by reflection, and the index is checked against it: the usage printed from the
 * index must be the reflective model's, for the root and for each subcommand the index models,
 * and so must what decides the parsing of those subcommands' arguments. Beside it, the root's
 * usage as {@code --help} prints it, plain and in colour ({@link RecordedUsage}).
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
            byte[] textClass = textClass(CommandIndex.textClassName(type), String.join("\n", index.lines()) + "\n");
            BuildOutputs.replace(out.resolve(CommandIndex.textClassName(type).replace('.', '/') + ".class"), temp -> {
                Files.write(temp, textClass, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            });
            for (boolean ansi : new boolean[] {false, true}) {
                Files.writeString(file.resolveSibling(RecordedUsage.resourceName(type, ansi)), usages.get(ansi ? 1 : 0),
                        StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * A class that supplies {@code text}: a public final class with a public constructor whose
     * {@code get()} returns the text from its constant pool, in pieces short enough for a
     * constant (65,535 bytes of modified UTF-8) joined by a StringBuilder when there are several.
     */
    static byte[] textClass(String binaryName, String text) {
        String internal = binaryName.replace('.', '/');
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, internal,
                "Ljava/lang/Object;Ljava/util/function/Supplier<Ljava/lang/String;>;", "java/lang/Object",
                new String[] {"java/util/function/Supplier"});
        MethodVisitor init = w.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        MethodVisitor get = w.visitMethod(Opcodes.ACC_PUBLIC, "get", "()Ljava/lang/Object;", null, null);
        get.visitCode();
        // 16,000 chars are at most 48,000 bytes of modified UTF-8
        int piece = 16_000;
        if (text.length() <= piece) {
            get.visitLdcInsn(text);
        } else {
            get.visitTypeInsn(Opcodes.NEW, "java/lang/StringBuilder");
            get.visitInsn(Opcodes.DUP);
            get.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V", false);
            for (int i = 0; i < text.length(); i += piece) {
                get.visitLdcInsn(text.substring(i, Math.min(text.length(), i + piece)));
                get.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "append",
                        "(Ljava/lang/String;)Ljava/lang/StringBuilder;", false);
            }
            get.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;", false);
        }
        get.visitInsn(Opcodes.ARETURN);
        get.visitMaxs(0, 0);
        get.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    /**
     * The usage the index gives is the reflective model's, for the root and each subcommand the
     * index models (and so is their parsing model), and so is what the root's {@code --help}
     * prints, plain and in colour: those two are returned, for {@link RecordedUsage}.
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
            if (e.indexed()) {
                var one = Cli.commandLine(type.getDeclaredConstructor().newInstance(), index, e.name());
                CommandSpec reflective = complete.getSubcommands().get(e.name()).getCommandSpec();
                CommandSpec indexed = one.getSubcommands().get(e.name()).getCommandSpec();
                same(type.getName() + " " + e.name(), reflective.commandLine().getUsageMessage(),
                        indexed.commandLine().getUsageMessage());
                same(type.getName() + " " + e.name() + " (parsing)", parsing(reflective), parsing(indexed));
            }
        }
        return usages;
    }

    /** What of a command's model decides how picocli parses its arguments, one line per option or parameter. */
    static String parsing(CommandSpec spec) {
        StringBuilder b = new StringBuilder(spec.name()).append(' ').append(Arrays.toString(spec.aliases())).append('\n');
        for (OptionSpec o : spec.options()) {
            if (o.inherited()) {
                continue; // the root's: checked with the root
            }
            b.append(String.join(",", o.names())).append(' ').append(o.negatable()).append(' ').append(o.usageHelp())
                    .append(o.versionHelp()).append(' ').append(o.fallbackValue()).append(' ');
            arg(b, o);
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            b.append(p.index()).append(' ');
            arg(b, p);
        }
        return b.toString();
    }

    private static void arg(StringBuilder b, ArgSpec a) {
        b.append(a.arity()).append(' ').append(a.type().getName()).append(Arrays.toString(a.auxiliaryTypes())).append(' ')
                .append(a.required()).append(' ').append(a.defaultValue()).append(' ').append(a.splitRegex()).append(' ')
                .append(a.interactive()).append(' ').append(a.inherited()).append(' ').append(a.scopeType()).append(' ')
                .append(a.converters().length).append(' ').append(a.hidden()).append(' ').append(a.paramLabel()).append(' ')
                .append(Arrays.deepToString(new Object[] {a.getValue()})).append('\n');
    }

    private static void same(String what, String reflective, String indexed) {
        if (!reflective.equals(indexed)) {
            throw new IllegalStateException(what + ": the usage from the command index differs from the annotations'\n"
                    + reflective + "\n---\n" + indexed);
        }
    }
}
