package spfs.storage.rpc;

/** {@code http2://HOST[:PORT]}: spfs's other spelling of a server's address, opened as {@code grpc://}. */
public final class Http2RepositoryProvider extends GrpcRepositoryProvider {
    @Override
    public String scheme() {
        return "http2";
    }
}
