package spk.cli.spk;

import spk.cli.app.Cli;

/** The {@code spk} executable. */
public final class SpkMain {
    private SpkMain() {}

    public static void main(String[] args) {
        System.exit(Cli.run(new SpkCommand(), args));
    }
}
