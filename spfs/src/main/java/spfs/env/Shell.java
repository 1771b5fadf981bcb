package spfs.env;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import spfs.error.SpfsException;

/**
 * The shell that runs a runtime's startup script and then the command: $SHELL when it is one we
 * know (bash, sh or dash, tcsh or csh), else bash, else sh from PATH.
 */
public record Shell(Kind kind, Path executable) {
    /** The shell families spfs writes startup scripts for. */
    public enum Kind {
        /** bash: the sh script, {@code --init-file} for interactive use. */
        BASH,
        /** POSIX sh (dash): the sh script, {@code $ENV} for interactive use. */
        SH,
        /** tcsh/csh: the csh script. */
        TCSH
    }

    /** Picks the shell from {@code env}. */
    public static Shell find(Map<String, String> env) {
        String shell = env.get("SHELL");
        if (shell != null && !shell.isEmpty()) {
            Optional<Shell> s = of(Path.of(shell));
            if (s.isPresent() && Files.isExecutable(s.get().executable())) {
                return s.get();
            }
        }
        for (String name : List.of("bash", "sh")) {
            Optional<Path> p = onPath(env, name);
            if (p.isPresent()) {
                return of(p.get()).orElseThrow();
            }
        }
        throw SpfsException.environment("no-shell", "no supported shell found (bash, sh or tcsh; set SHELL)", null);
    }

    private static Optional<Shell> of(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return switch (name) {
            case "bash" -> Optional.of(new Shell(Kind.BASH, p));
            case "sh", "dash" -> Optional.of(new Shell(Kind.SH, p));
            case "tcsh", "csh" -> Optional.of(new Shell(Kind.TCSH, p));
            default -> Optional.empty();
        };
    }

    private static Optional<Path> onPath(Map<String, String> env, String name) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The argv and extra environment that start this shell in a runtime. */
    public record Invocation(List<String> argv, Map<String, String> env) {}

    /**
     * The command line: the shell runs the startup script, which sources /spfs's startup.d and
     * then execs {@code command}; with no command the shell stays, interactive.
     */
    public Invocation invocation(StartupScripts scripts, List<String> command, Map<String, String> env) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        java.util.LinkedHashMap<String, String> extra = new java.util.LinkedHashMap<>();
        boolean interactive = command.isEmpty() || (command.size() == 1 && command.get(0).isEmpty());
        if (interactive) {
            extra.put("SPFS_SHELL_MESSAGE", env.getOrDefault("SPFS_SHELL_MESSAGE", StartupScripts.DEFAULT_MESSAGE));
            switch (kind) {
                case BASH -> {
                    argv.add("--init-file");
                    argv.add(scripts.sh().toString());
                }
                case SH -> {
                    argv.add("-i");
                    extra.put("ENV", scripts.sh().toString());
                }
                case TCSH -> {
                    // tcsh reads $HOME/.cshrc: point HOME at the runtime dir, the script puts it back
                    extra.put("SPFS_ORIGINAL_HOME", env.getOrDefault("HOME", ""));
                    extra.put("HOME", scripts.csh().getParent().toString());
                }
            }
        } else {
            argv.add(kind == Kind.TCSH ? scripts.csh().toString() : scripts.sh().toString());
            argv.addAll(command);
        }
        return new Invocation(argv, extra);
    }
}
