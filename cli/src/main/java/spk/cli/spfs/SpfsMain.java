package spk.cli.spfs;

import spk.cli.app.Cli;

/** The {@code spfs} executable. */
public final class SpfsMain {
    private SpfsMain() {}

    public static void main(String[] args) {
        System.exit(Cli.run(new SpfsCommand(EarlyLibc.startFor(args, SpfsCommand.ENTERING, java.util.Set.of())), args));
    }
}
