package spk.cli.spfs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code spfs run REF... -- CMD ARGS}: run a command with its own /spfs made of REF's layers. */
@Command(name = "run", description = {"Run a command in a new runtime: a private /spfs made of the given layers.",
    "REF: tags, digests, platforms, '+'-joined refs, absolute paths to .spfs.yaml run specs or live layers;",
    "'-' or '' for an empty (editable) runtime. Everything after '--' is the command."})
public final class RunCommand extends LaunchOptions implements Callable<Integer> {
    @Parameters(paramLabel = "REF", arity = "0..*", description = "Refs before '--', then the command and its arguments.")
    List<String> positional = new ArrayList<>();

    @Override
    public Integer call() {
        int n = spk.cli.app.TrailingCommand.length(spec);
        List<String> refs;
        List<String> command;
        if (n >= 0) {
            refs = positional.subList(0, positional.size() - n);
            command = positional.subList(positional.size() - n, positional.size());
        } else if (rerun != null) {
            refs = List.of();
            command = positional;
        } else {
            // spfs's own form: REF CMD ARGS, without '--'
            refs = positional.isEmpty() ? List.of() : positional.subList(0, 1);
            command = positional.isEmpty() ? List.of() : positional.subList(1, positional.size());
        }
        if (rerun == null && refs.isEmpty()) {
            throw RuntimeSupport.noRuntimeNeeded("spfs run needs a REF ('-' for an empty runtime) or --rerun NAME");
        }
        if (command.isEmpty()) {
            throw RuntimeSupport.noRuntimeNeeded("spfs run needs a command after '--' (for a shell, use spfs shell)");
        }
        return launch(new ArrayList<>(refs), new ArrayList<>(command));
    }
}
