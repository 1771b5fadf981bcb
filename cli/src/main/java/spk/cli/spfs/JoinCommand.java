package spk.cli.spfs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.env.Shell;
import spfs.env.StartupScripts;
import spfs.error.SpfsException;
import spfs.monitor.ProcessTable;
import spfs.mount.Linux;
import spfs.runtime.RuntimeAccess;
import spfs.runtime.RuntimeData;
import spfs.runtime.RuntimeStorage;

/**
 * {@code spfs join RUNTIME [-- CMD]}: run a command (or a shell) inside a running runtime, by
 * joining its mount namespace (setns on this thread, then exec). Without root, {@code nsenter}
 * joins the runtime's user and mount namespaces instead.
 */
@Command(name = "join", description = "Run a command (or a shell) inside a running runtime.")
public final class JoinCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pid", paramLabel = "PID", description = "Join the runtime this process is in.")
    Long pid;

    @Parameters(paramLabel = "RUNTIME [-- CMD]", arity = "0..*")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        SpfsContext ctx = SpfsContext.of(spec);
        RuntimeStorage storage = RuntimeSupport.storage(ctx);
        List<String> command = new ArrayList<>(args);
        RuntimeData rt;
        ProcessTable table = ProcessTable.scan();
        if (pid != null) {
            String ns = table.namespaces().get(pid);
            if (ns == null) {
                throw SpfsException.notFound("no-such-process", "no process " + pid + " (or it cannot be inspected)");
            }
            rt = storage.list(p -> { }).stream().filter(r -> r.config().mountNamespace().map(ns::equals).orElse(false))
                    .findFirst().orElseThrow(() -> SpfsException.notFound("unknown-runtime", "process " + pid
                            + " is not in any runtime"));
        } else {
            if (command.isEmpty()) {
                throw SpfsException.badInput("usage", "spfs join needs a RUNTIME name (or --pid PID)");
            }
            rt = storage.read(command.remove(0));
        }
        RuntimeAccess.requireOwner(rt, "join");
        String ns = rt.config().mountNamespace().orElseThrow(() -> SpfsException.environment("runtime-not-running",
                "runtime " + rt.name() + " is not running", null));
        long target = rt.status().monitor().filter(m -> ns.equals(table.namespaces().get(m)))
                .or(() -> rt.status().owner().filter(o -> ns.equals(table.namespaces().get(o))))
                .orElseGet(() -> table.anyPidIn(ns));
        if (target < 0) {
            throw SpfsException.environment("runtime-not-running", "runtime " + rt.name() + " has no processes left", null);
        }
        Map<String, String> env = new LinkedHashMap<>(ctx.environment());
        Shell shell = Shell.find(env);
        StartupScripts scripts = new StartupScripts(rt.config().shStartupFile(), rt.config().cshStartupFile());
        Shell.Invocation inv = shell.invocation(scripts, command, env);
        env.putAll(inv.env());
        env.put("SPFS_RUNTIME", rt.name());
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        Linux linux = RuntimeSupport.linuxForLaunch(spec);
        ctx.out().flush();
        if (linux.euid() != 0) {
            List<String> argv = new ArrayList<>(List.of("nsenter", "--user", "--mount", "--preserve-credentials",
                    "--target", Long.toString(target), "--"));
            argv.addAll(inv.argv());
            String nsenter = Files.isExecutable(Path.of("/usr/bin/nsenter")) ? "/usr/bin/nsenter" : "/bin/nsenter";
            throw linux.exec(nsenter, argv, envList);
        }
        linux.joinMountNamespace(target);
        throw linux.exec(inv.argv().get(0), inv.argv(), envList);
    }
}
