package spk.cli.spk;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Yes/no questions on the terminal, as SPK asks before changing repositories: only y or yes goes
 * on. One per command, so that several answers piped in are read one line each.
 */
final class Confirmation {
    private final PrintWriter out;
    private BufferedReader in;

    Confirmation(PrintWriter out) {
        this.out = out;
    }

    /** Prints {@code prompt}, reads one line of standard input; no answer (end of input) is no. */
    boolean ask(String prompt) {
        out.print(prompt);
        out.flush();
        String line;
        try {
            if (in == null) {
                // not closed: standard input belongs to the process
                in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            }
            line = in.readLine();
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
