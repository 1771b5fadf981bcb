package spk.cli.spfs;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.check.CheckReport;
import spfs.check.Checker;
import spfs.storage.Repository;

/** {@code spfs check [REF...] [--pull [REMOTE]]}. */
@Command(name = "check", description = "Verify that everything reachable from the tags (or REFs) is present and intact.")
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"}, description = "Check this repository instead of the local one.")
    String remote;

    @Option(names = "--pull", arity = "0..1", fallbackValue = "origin", paramLabel = "REMOTE",
            description = "Repair what is missing or corrupt from REMOTE (default origin).")
    String pull;

    @Parameters(arity = "0..*", paramLabel = "REF")
    List<String> refs = List.of();

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        try (Repository repo = ctx.repo(remote);
                Repository source = pull == null ? null : ctx.repositories().open(pull)) {
            CheckReport r = new Checker(repo, Optional.ofNullable(source), ctx.ioWorkers("SPFS_CHECK_MAX_CONCURRENT_PAYLOADS"))
                    .check(refs);
            for (CheckReport.Problem p : r.problems()) {
                ctx.out().println((p.repaired() ? "repaired " : "") + p.kind().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' ') + ": " + p.subject() + ": " + p.detail());
            }
            for (String w : r.warnings()) {
                ctx.err().println("warning: " + w);
            }
            long repaired = r.problems().size() - r.unresolved();
            ctx.out().printf("checked %d tags, %d objects, %d payloads (%s); %d problems, %d repaired%n",
                    r.tagsChecked(), r.objectsChecked(), r.payloadsChecked(), SyncOutput.bytes(r.payloadBytes()),
                    r.problems().size(), repaired);
            ctx.out().flush();
            ctx.err().flush();
            return r.unresolved() == 0 ? 0 : 1;
        }
    }
}
