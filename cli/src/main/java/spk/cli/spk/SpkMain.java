package spk.cli.spk;

import spk.cli.app.Cli;

/** The {@code spk} executable. */
public final class SpkMain {
    private SpkMain() {}

    public static void main(String[] args) {
        // spk env enters its environment (not with --dry-run, which only solves)
        System.exit(Cli.run(new SpkCommand(spk.cli.spfs.EarlyLibc.startFor(args, java.util.Set.of("env"),
                java.util.Set.of("--dry-run"))), args));
    }
}
