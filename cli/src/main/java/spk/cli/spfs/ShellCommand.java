package spk.cli.spfs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code spfs shell REF...}: an interactive shell in a new runtime. */
@Command(name = "shell", description = "Start an interactive shell in a new runtime made of REF's layers "
        + "(no REF, or '-', gives an empty editable runtime).")
public final class ShellCommand extends LaunchOptions implements Callable<Integer> {
    @Parameters(paramLabel = "REF", arity = "0..*", description = "Tags, digests, '+'-joined refs or spec files.")
    List<String> refs = new ArrayList<>();

    @Override
    public Integer call() {
        return launch(refs.isEmpty() ? List.of("-") : refs, List.of());
    }
}
