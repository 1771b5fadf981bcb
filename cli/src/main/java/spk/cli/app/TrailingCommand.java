package spk.cli.app;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/** A command to run given after "--" (spfs run REF -- CMD, spk env REQUEST -- CMD). */
public final class TrailingCommand {
    private TrailingCommand() {}

    /**
     * The first "--" of this command's own arguments splits its positional arguments from a
     * command to run: how many arguments that command has, or -1 without "--".
     */
    public static int length(CommandSpec spec) {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int own = original.indexOf(spec.name());
        int dd = original.subList(Math.max(own, 0), original.size()).indexOf("--");
        return dd < 0 ? -1 : original.size() - (Math.max(own, 0) + dd) - 1;
    }
}
