package spk.cli.spfs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.encoding.Digest;
import spfs.mount.Linux;
import spfs.runtime.ActiveRuntime;
import spfs.runtime.EnvSpec;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;

/** {@code spfs reset [PATHS...] [--ref REF] [-e]}: undo changes in the current runtime. */
@Command(name = "reset", description = "Undo changes in the current runtime: the paths matching PATHS (gitignore-style "
        + "patterns; none means every change) are removed from its upper directory, then /spfs is remounted.")
public final class ResetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ref", paramLabel = "REF", description = "Replace the runtime's stack with REF ('-': empty).")
    String ref;

    @Option(names = {"-e", "--edit"}, description = "Make the runtime editable too.")
    boolean edit;

    @Parameters(paramLabel = "PATHS", arity = "0..*")
    List<String> paths = new ArrayList<>();

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        RuntimeData rt = ActiveRuntime.current(storage, ctx.environment());
        Optional<List<Digest>> stack = Optional.empty();
        boolean makeEditable = edit;
        if (ref != null) {
            EnvSpec s = EnvSpec.parse(ref);
            stack = Optional.of(RuntimeSupport.resolve(ctx, storage.repository(), s.refs()));
            makeEditable |= s.isEmpty();
        }
        ActiveRuntime active = RuntimeSupport.active(ctx, storage, Linux.load());
        active.reset(rt, paths, stack, makeEditable);
        return 0;
    }
}
