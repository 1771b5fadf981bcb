package spk.cli.spfs;

import java.util.Optional;
import java.util.Set;
import spfs.mount.Linux;

/**
 * A root command that may have started binding libc before its command line was parsed. A
 * command that enters a runtime needs libc at its first system call; bound from {@code main},
 * jffi's set-up (its native stub loaded, ~30 ms of CPU) runs beside picocli's modelling of the
 * command instead of after it, and the first system call finds libc bound.
 */
public interface EarlyLibc {
    /** The binding started in {@code main}, if this command line was one that needs it. */
    Optional<Linux> earlyLibc();

    /**
     * Starts binding libc when the first word of {@code args} that is not an option is one of
     * {@code commands} and none of {@code unless} is given. A wrong guess costs only the
     * binding's CPU on another thread: binding makes no system call that changes anything.
     */
    static Optional<Linux> startFor(String[] args, Set<String> commands, Set<String> unless) {
        Optional<String> command = Optional.empty();
        for (String a : args) {
            if (a.equals("--")) {
                break;
            }
            if (unless.contains(a)) {
                return Optional.empty();
            }
            if (command.isEmpty() && !a.startsWith("-")) {
                if (!commands.contains(a)) {
                    return Optional.empty();
                }
                command = Optional.of(a);
            }
        }
        // no lambda: the first one linked on a command's path sets up method handles (~5-10 ms)
        return command.isPresent() ? Optional.of(RuntimeSupport.linuxForLaunch()) : Optional.empty();
    }
}
