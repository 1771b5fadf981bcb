package spk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spk.cli.spfs.SpfsCommand;
import spk.cli.spk.SpkCommand;

/** spk completion and spfs completion: the scripts complete commands, aliases and options in real bash, zsh and fish. */
class CompletionTest {
    @TempDir
    Path tmp;

    /** The script {@code spk|spfs completion shell} prints, in a file. */
    Path script(Object root, String shell) throws Exception {
        CommandLineTest.Run r = CommandLineTest.run(root, "completion", shell);
        assertEquals(0, r.exit(), r.err());
        return Files.writeString(tmp.resolve((root instanceof SpkCommand ? "spk." : "spfs.") + shell), r.out());
    }

    /** Runs {@code shell -c script}; returns its standard output. */
    static String shell(String shell, String script) throws Exception {
        Process p = new ProcessBuilder(shell, "-c", script).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), shell + " did not finish");
        assertEquals(0, p.exitValue(), shell + ": " + out + err);
        return out;
    }

    /**
     * bash's (or zsh's bash layer's) completions of a command line, as the completion function
     * leaves them; zsh's layer hands them all to zsh, which keeps those that start with the word.
     */
    static String bashStyle(String shell, Path script, String words) throws Exception {
        boolean zsh = shell.equals("zsh");
        return shell(shell, "source " + script + " 2>/dev/null; " + (zsh ? "setopt ksharrays; " : "") + "COMP_WORDS=("
                + words + "); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"${COMP_WORDS[*]}\"; "
                + "COMP_POINT=${#COMP_LINE}; _complete_spk 2>/dev/null; printf '%s\\n' "
                + (zsh ? "${(u)${(M)COMPREPLY[@]:#${COMP_WORDS[COMP_CWORD]}*}}" : "\"${COMPREPLY[@]}\""));
    }

    @Test
    void bashAndZshCompleteCommandsAndOptions() throws Exception {
        for (String sh : List.of("bash", "zsh")) {
            Path s = script(new SpkCommand(), sh);
            assertEquals("deprecate\n", bashStyle(sh, s, "spk dep"), sh);
            assertEquals("--yes\n", bashStyle(sh, s, "spk deprecate --y"), sh);
            assertTrue(bashStyle(sh, s, "spk rm --").contains("--yes\n"), sh + ": an alias completes as its command");
        }
        assertEquals("_bash_complete -F _complete_spk -o default\n",
                shell("zsh", "source " + script(new SpkCommand(), "zsh") + " 2>/dev/null; print -r -- $_comps[spk]"),
                "zsh has it registered for spk");
    }

    @Test
    void fishCompletesCommandsOptionsAndValuesAtEachLevel() throws Exception {
        Path spk = script(new SpkCommand(), "fish");
        String out = shell("fish", "source " + spk + "; complete -C 'spk dep'; complete -C 'spk -v deprecate -r local --y';"
                + " complete -C 'spk bake -f j'");
        assertEquals("deprecate\tDeprecate package versions or builds in a repository (local unless -r)\n"
                + "--yes\tDo not ask for confirmation\n"
                + "json\tlayers: one digest a line (default); builds: one package build a line; yaml, json: all of it\n", out);
        Path spfs = script(new SpfsCommand(), "fish");
        String nested = shell("fish", "source " + spfs + "; complete -C 'spfs runtime l'; echo --; complete -C 'spfs rt list --'");
        assertTrue(nested.startsWith("list\t") && nested.contains("\nls\t"), nested);
        String options = nested.substring(nested.indexOf("--\n") + 3);
        assertTrue(options.contains("--quiet\t") && !options.contains("--recursive"),
                "runtime list's options, not spfs ls's: " + options);
    }

    @Test
    void anUnknownShellIsAUsageError() {
        CommandLineTest.Run r = CommandLineTest.run(new SpkCommand(), "completion", "tcsh");
        assertEquals(2, r.exit());
        assertEquals("error: no completion for 'tcsh': the shells are bash, zsh and fish (see 'spk completion --help')\n",
                r.err());
    }
}
