package spk.cli.spk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A yes/no question on the terminal, as SPK asks before changing repositories: only y or yes goes on. */
final class Confirmation {
    private Confirmation() {}

    /** Prints {@code prompt}, reads one line of standard input; no answer (end of input) is no. */
    static boolean ask(PrintWriter out, String prompt) {
        out.print(prompt);
        out.flush();
        String line;
        try {
            // not closed: standard input belongs to the process
            line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            line = null;
        }
        if (line == null) {
            out.println();
            return false;
        }
        String answer = line.strip().toLowerCase(Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }
}
