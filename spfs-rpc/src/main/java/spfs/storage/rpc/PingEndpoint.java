package spfs.storage.rpc;

import io.grpc.stub.StreamObserver;
import spfs.storage.rpc.proto.RepositoryGrpc;
import spfs.storage.rpc.proto.RepositoryProto.PingRequest;
import spfs.storage.rpc.proto.RepositoryProto.PingResponse;

/** The server's Repository service: Ping, which clients use to see that the server answers. */
final class PingEndpoint extends RepositoryGrpc.RepositoryImplBase {
    @Override
    public void ping(PingRequest req, StreamObserver<PingResponse> out) {
        out.onNext(PingResponse.getDefaultInstance());
        out.onCompleted();
    }
}
