package spk.cli.spfs;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.error.SpfsException;
import spfs.runtime.RuntimeCodec;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;
import spfs.runtime.StackLayers;

/** {@code spfs runtime info NAME}: a runtime's record as JSON, or its annotations. */
@Command(name = "info", description = "Print a runtime's record (JSON), or its annotations with --get/--get-all.")
public final class RuntimeInfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--get", paramLabel = "KEY", description = "Print the value of one annotation.")
    String get;

    @Option(names = "--get-all", description = "Print all annotations as KEY: VALUE lines.")
    boolean getAll;

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        RuntimeData rt = storage.read(name);
        if (get != null) {
            ctx.out().println(StackLayers.annotation(storage.repository(), rt.status().stack(), get)
                    .orElseThrow(() -> SpfsException.notFound("unknown-annotation", "runtime " + name
                            + " has no annotation '" + get + "'")));
        } else if (getAll) {
            for (Map.Entry<String, String> e : StackLayers.annotations(storage.repository(), rt.status().stack()).entrySet()) {
                ctx.out().println(e.getKey() + ": " + e.getValue());
            }
        } else {
            ctx.out().println(RuntimeCodec.encode(rt));
        }
        ctx.out().flush();
        return 0;
    }
}
