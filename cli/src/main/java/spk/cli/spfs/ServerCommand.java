package spk.cli.spfs;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import spfs.storage.Repository;
import spfs.storage.rpc.PayloadsRoot;
import spfs.storage.rpc.SpfsServer;

/** {@code spfs server [--remote R] [GRPC_ADDR] [HTTP_ADDR] [--payloads-root URL]}. */
@Command(name = "server", description = {"Serve a repository to spfs clients (grpc://HOST:PORT addresses): gRPC on "
        + "GRPC_ADDR, payload bytes over HTTP on HTTP_ADDR, until stopped (Ctrl-C, SIGTERM).",
    "Anyone who can connect can read, write and remove: both ports listen on 127.0.0.1 unless told otherwise."})
public final class ServerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--remote"}, paramLabel = "R",
            description = "Serve this repository (a remote's name or an address) instead of the local one.")
    String remote;

    @Option(names = "--payloads-root", paramLabel = "URL",
            description = "The URL clients reach HTTP_ADDR at (default: http://HTTP_ADDR as bound; set it when "
                    + "clients reach this host by another name).")
    String payloadsRoot;

    @Parameters(index = "0", arity = "0..1", paramLabel = "GRPC_ADDR", defaultValue = "127.0.0.1:7737",
            description = "Where to listen for gRPC (default ${DEFAULT-VALUE}; port 0 picks a free one).")
    String grpcAddress;

    @Parameters(index = "1", arity = "0..1", paramLabel = "HTTP_ADDR", defaultValue = "127.0.0.1:7787",
            description = "Where to listen for payload uploads and downloads (default ${DEFAULT-VALUE}).")
    String httpAddress;

    @Override
    public Integer call() throws InterruptedException {
        SpfsContext ctx = SpfsContext.of(spec);
        var grpc = SpfsServer.listenAddress(grpcAddress, "GRPC_ADDR");
        var http = SpfsServer.listenAddress(httpAddress, "HTTP_ADDR");
        Optional<PayloadsRoot> root = Optional.ofNullable(payloadsRoot).map(PayloadsRoot::parse);
        try (Repository repo = ctx.repo(remote); SpfsServer server = SpfsServer.start(repo, grpc, http, root)) {
            Thread stop = new Thread(server::close, "spfs-server-stop");
            Runtime.getRuntime().addShutdownHook(stop);
            ctx.out().println("serving " + repo.address() + " on grpc://" + hostPort(server.grpcAddress())
                    + " (payloads: " + server.payloadsRoot().uri() + ", listening on " + hostPort(server.httpAddress()) + ")");
            ctx.out().flush();
            server.awaitTermination();
        }
        return 0;
    }

    private static String hostPort(java.net.InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
    }
}
