package spk.cli.spk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import spk.cli.app.Cli;

/**
 * Plays several {@code spk} command lines in one JVM, for {@code bin/train-startup.sh}: JDK 25
 * writes its ahead-of-time cache from one process, and a cache trained on one small solve left
 * out what a large one loads (the index reader, the SAT solver's learnt clauses, the
 * explanation), which every cold solve then loaded jar by jar. Usage: {@code StartupTraining
 * FILE}, one command line per line, its words separated by tabs (an empty word is an empty
 * argument); the commands' output goes to standard output and their exit codes are ignored.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines) {
            if (!line.isBlank()) {
                Cli.run(new SpkCommand(), line.split("\t", -1));
            }
        }
    }
}
