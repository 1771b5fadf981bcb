package spfs.storage.rpc;

import io.grpc.stub.StreamObserver;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.error.UnknownObjectException;
import spfs.storage.rpc.proto.DatabaseProto.IterDigestsRequest;
import spfs.storage.rpc.proto.DatabaseProto.IterDigestsResponse;
import spfs.storage.rpc.proto.ErrorProto;
import spfs.storage.rpc.proto.PayloadProto.HasPayloadRequest;
import spfs.storage.rpc.proto.PayloadProto.HasPayloadResponse;
import spfs.storage.rpc.proto.PayloadProto.OpenPayloadRequest;
import spfs.storage.rpc.proto.PayloadProto.OpenPayloadResponse;
import spfs.storage.rpc.proto.PayloadProto.RemovePayloadRequest;
import spfs.storage.rpc.proto.PayloadProto.RemovePayloadResponse;
import spfs.storage.rpc.proto.PayloadProto.WritePayloadRequest;
import spfs.storage.rpc.proto.PayloadProto.WritePayloadResponse;
import spfs.storage.rpc.proto.PayloadServiceGrpc;

/**
 * The server's PayloadService. Payload bytes do not go through gRPC: writing one is answered with
 * the HTTP upload URL (the payloads root), opening one with its download location
 * ({@code <root>/<digest>}), both served by {@link PayloadHttp}.
 */
final class PayloadEndpoint extends PayloadServiceGrpc.PayloadServiceImplBase {
    private final ServedRepository served;
    private final PayloadsRoot root;

    PayloadEndpoint(ServedRepository served, PayloadsRoot root) {
        this.served = served;
        this.root = root;
    }

    @Override
    public void iterDigests(IterDigestsRequest req, StreamObserver<IterDigestsResponse> out) {
        try (Stream<Digest> all = served.repository().payloadDigests()) {
            all.forEach(d -> out.onNext(IterDigestsResponse.newBuilder().setOk(Wire.digest(d)).build()));
        } catch (RuntimeException e) {
            out.onNext(IterDigestsResponse.newBuilder().setError(Wire.error(Answers.logged(e))).build());
        }
        out.onCompleted();
    }

    @Override
    public void hasPayload(HasPayloadRequest req, StreamObserver<HasPayloadResponse> out) {
        Answers.plain(out, () -> HasPayloadResponse.newBuilder()
                .setExists(served.repository().hasPayload(Wire.digest(req.hasDigest(), req.getDigest(), "digest"))).build());
    }

    @Override
    public void writePayload(WritePayloadRequest req, StreamObserver<WritePayloadResponse> out) {
        Answers.unary(out, () -> WritePayloadResponse.newBuilder()
                .setOk(WritePayloadResponse.UploadOption.newBuilder().setUrl(root.uploadUrl())).build(),
                e -> WritePayloadResponse.newBuilder().setError(e).build());
    }

    /** Where to download it, once the server has seen that it can serve it. */
    @Override
    public void openPayload(OpenPayloadRequest req, StreamObserver<OpenPayloadResponse> out) {
        Answers.unary(out, () -> {
            Digest d = Wire.digest(req.hasDigest(), req.getDigest(), "digest");
            if (!served.repository().hasPayload(d)) {
                throw new UnknownObjectException("payload", d);
            }
            return OpenPayloadResponse.newBuilder().setOk(OpenPayloadResponse.DownloadOption.newBuilder()
                    .addLocations(root.downloadUrl(d))).build();
        }, e -> OpenPayloadResponse.newBuilder().setError(e).build());
    }

    @Override
    public void removePayload(RemovePayloadRequest req, StreamObserver<RemovePayloadResponse> out) {
        Answers.unary(out, () -> {
            served.repository().removePayload(Wire.digest(req.hasDigest(), req.getDigest(), "digest"));
            return RemovePayloadResponse.newBuilder().setOk(ErrorProto.Ok.getDefaultInstance()).build();
        }, e -> RemovePayloadResponse.newBuilder().setError(e).build());
    }
}
