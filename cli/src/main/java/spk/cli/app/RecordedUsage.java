package spk.cli.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * A root's usage ({@code spk --help}) as the build rendered it with picocli
 * ({@link CommandIndexWriter}), plain and with ANSI styles, beside the root's class: printed for
 * a bare {@code --help} or {@code -h} without building a picocli model (its line breaking, its
 * locale data and the 30 stand-ins were most of that command's start-up). Wherever picocli's
 * rendering could differ from the recording (any other argument, a {@code picocli.*} system
 * property: width, colours, tracing), the command line is modelled and rendered as before.
 */
final class RecordedUsage {
    /** The settings {@link Cli#run} makes, which change no output. */
    private static final java.util.Set<String> OURS = java.util.Set.of("picocli.disable.closures",
            "picocli.converters.excludes");

    private RecordedUsage() {}

    /**
     * Prints {@code root}'s recorded usage to standard output when {@code args} asks for just
     * that and nothing could make picocli print otherwise; false when picocli must run.
     */
    static boolean printIfAsked(Class<?> root, String[] args) {
        // picocli's own test of the environment: NO_COLOR, CLICOLOR(_FORCE), a terminal
        return asked(args, System.getProperties()) && "\n".equals(System.lineSeparator())
                && print(root, Ansi.AUTO.enabled(), System.out);
    }

    /** Whether {@code args} is a bare {@code --help} (or {@code -h}) that the recording answers under {@code properties}. */
    static boolean asked(String[] args, Properties properties) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) && picocliDefaults(properties);
    }

    /** Whether {@code properties} hold no picocli setting but ours (as at the recording). */
    static boolean picocliDefaults(Properties properties) {
        // a loop over the keys: a stream's lambdas would set up method handles on the start-up path
        for (Object key : properties.keySet()) {
            if (key instanceof String name && name.startsWith("picocli.") && !OURS.contains(name)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the recording to {@code out} in the encoding picocli's own writer would use; false,
     * having written nothing, where there is no recording or that encoding is not known here.
     */
    static boolean print(Class<?> root, boolean ansi, PrintStream out) {
        Charset charset = stdoutCharset(System.getProperty("sun.stdout.encoding"));
        if (charset == null) {
            return false;
        }
        try (InputStream in = root.getResourceAsStream(resourceName(root, ansi))) {
            if (in == null) {
                return false;
            }
            byte[] text = new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes(charset);
            out.write(text, 0, text.length);
            out.flush();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The encoding picocli (4.7) gives its standard output writer: {@code sun.stdout.encoding}
     * (which JDK 17 sets on a terminal), else the default; null for one this JVM does not know
     * (picocli's own fallback is left to picocli).
     */
    static Charset stdoutCharset(String encoding) {
        if (encoding == null) {
            return Charset.defaultCharset();
        }
        if ("cp65001".equalsIgnoreCase(encoding)) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The resource's name, beside the root's class. */
    static String resourceName(Class<?> root, boolean ansi) {
        return root.getSimpleName() + (ansi ? ".usage-ansi" : ".usage");
    }

    /**
     * What picocli prints for {@code --help} of {@code commandLine}, a root, with ANSI styles or
     * without: its whole output, as {@code execute} writes it. Fails unless picocli runs with its
     * defaults, which the recording is for.
     */
    static String render(CommandLine commandLine, boolean ansi) {
        if (!picocliDefaults(System.getProperties()) || !"\n".equals(System.lineSeparator())) {
            throw new IllegalStateException("the root's usage is recorded with picocli's defaults and \\n line ends:"
                    + " unset the picocli.* system properties");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .setColorScheme(CommandLine.Help.defaultColorScheme(ansi ? Ansi.ON : Ansi.OFF));
        int exit = commandLine.execute("--help");
        if (exit != 0 || !err.toString().isEmpty()) {
            throw new IllegalStateException(commandLine.getCommandName() + " --help: exit " + exit + ", " + err);
        }
        return out.toString();
    }
}
