package spfs.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import spfs.error.SpfsException;

/**
 * The scripts a runtime's shell runs first: they source the {@code *.sh} (sh, bash) or
 * {@code *.csh} (tcsh) files of /spfs/etc/spfs/startup.d in name order, so that packages in
 * /spfs can set up the environment, then exec the command (or greet an interactive user).
 */
public record StartupScripts(Path sh, Path csh) {
    /** Where packages put their startup files. */
    public static final String STARTUP_DIR = "/spfs/etc/spfs/startup.d";
    /** What an interactive shell prints first, unless SPFS_SHELL_MESSAGE says otherwise. */
    public static final String DEFAULT_MESSAGE = "* You are now in a configured subshell *";

    /** Writes both scripts (into the runtime's private tmpfs). */
    public void write() {
        try {
            Files.writeString(sh, shSource(), StandardCharsets.UTF_8);
            Files.writeString(csh, cshSource(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot write the runtime's startup scripts: " + spfs.error.IoMessages.describe(e), e);
        }
    }

    /** POSIX sh; bash additionally reads ~/.bashrc as spfs does (it skips it with --init-file). */
    static String shSource() {
        return """
                # spfs runtime startup (sh, bash): startup.d, then the command
                if [ -n "${BASH_VERSION:-}" ] && [ -f "$HOME/.bashrc" ]; then
                    . "$HOME/.bashrc" || true
                fi
                spfs_startup_dir="%s"
                if [ -d "$spfs_startup_dir" ]; then
                    for spfs_startup_file in "$spfs_startup_dir"/*.sh; do
                        [ -e "$spfs_startup_file" ] || continue
                        [ -z "${SPFS_DEBUG:-}" ] || echo "source $spfs_startup_file" 1>&2
                        . "$spfs_startup_file" || true
                    done
                fi
                unset spfs_startup_dir spfs_startup_file
                if [ "$#" -ne 0 ]; then
                    if ! command -v "$1" >/dev/null 2>&1; then
                        echo "spfs: command not found: $1" 1>&2
                        exit 127
                    fi
                    exec "$@"
                fi
                if [ -n "${SPFS_SHELL_MESSAGE:-}" ]; then
                    echo "$SPFS_SHELL_MESSAGE" 1>&2
                fi
                """.formatted(STARTUP_DIR);
    }

    /** tcsh: HOME is restored first when it was pointed at the runtime dir for an interactive shell. */
    static String cshSource() {
        return """
                # spfs runtime startup (tcsh): startup.d, then the command
                if ( $?SPFS_ORIGINAL_HOME ) then
                    setenv HOME "$SPFS_ORIGINAL_HOME"
                    unsetenv SPFS_ORIGINAL_HOME
                endif
                if ( -f ~/.tcshrc ) then
                    source ~/.tcshrc
                else if ( -f ~/.cshrc ) then
                    source ~/.cshrc
                endif
                set spfs_startup_dir="%s"
                if ( -d "$spfs_startup_dir" ) then
                    foreach spfs_startup_file ( `/bin/ls "$spfs_startup_dir" | grep '\\.csh$'` )
                        if ( $?SPFS_DEBUG ) /bin/sh -c "echo source $spfs_startup_dir/$spfs_startup_file 1>&2"
                        source "$spfs_startup_dir/$spfs_startup_file"
                    end
                endif
                unset spfs_startup_dir
                if ( $#argv != 0 ) then
                    exec $argv:q
                endif
                if ( $?SPFS_SHELL_MESSAGE ) then
                    /bin/sh -c 'echo "$SPFS_SHELL_MESSAGE" 1>&2'
                endif
                """.formatted(STARTUP_DIR);
    }
}
