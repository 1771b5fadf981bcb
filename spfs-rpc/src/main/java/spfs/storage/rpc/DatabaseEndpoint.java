package spfs.storage.rpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.stream.Stream;
import spfs.encoding.Digest;
import spfs.storage.rpc.proto.DatabaseProto.DigestSearchCriteria;
import spfs.storage.rpc.proto.DatabaseProto.FindDigestsRequest;
import spfs.storage.rpc.proto.DatabaseProto.FindDigestsResponse;
import spfs.storage.rpc.proto.DatabaseProto.HasObjectRequest;
import spfs.storage.rpc.proto.DatabaseProto.HasObjectResponse;
import spfs.storage.rpc.proto.DatabaseProto.IterObjectsRequest;
import spfs.storage.rpc.proto.DatabaseProto.IterObjectsResponse;
import spfs.storage.rpc.proto.DatabaseProto.ReadObjectRequest;
import spfs.storage.rpc.proto.DatabaseProto.ReadObjectResponse;
import spfs.storage.rpc.proto.DatabaseProto.RemoveObjectIfOlderThanRequest;
import spfs.storage.rpc.proto.DatabaseProto.RemoveObjectIfOlderThanResponse;
import spfs.storage.rpc.proto.DatabaseProto.RemoveObjectRequest;
import spfs.storage.rpc.proto.DatabaseProto.RemoveObjectResponse;
import spfs.storage.rpc.proto.DatabaseProto.WalkObjectsRequest;
import spfs.storage.rpc.proto.DatabaseProto.WalkObjectsResponse;
import spfs.storage.rpc.proto.DatabaseProto.WriteObjectRequest;
import spfs.storage.rpc.proto.DatabaseProto.WriteObjectResponse;
import spfs.storage.rpc.proto.DatabaseServiceGrpc;
import spfs.storage.rpc.proto.ErrorProto;

/** The server's DatabaseService: objects of the served repository. */
final class DatabaseEndpoint extends DatabaseServiceGrpc.DatabaseServiceImplBase {
    private static final ErrorProto.Ok OK = ErrorProto.Ok.getDefaultInstance();
    private final ServedRepository served;

    DatabaseEndpoint(ServedRepository served) {
        this.served = served;
    }

    @Override
    public void hasObject(HasObjectRequest req, StreamObserver<HasObjectResponse> out) {
        Answers.plain(out, () -> HasObjectResponse.newBuilder()
                .setExists(served.repository().hasObject(Wire.digest(req.hasDigest(), req.getDigest(), "digest"))).build());
    }

    @Override
    public void readObject(ReadObjectRequest req, StreamObserver<ReadObjectResponse> out) {
        Answers.unary(out, () -> ReadObjectResponse.newBuilder().setOk(Wire.object(
                served.repository().readObject(Wire.digest(req.hasDigest(), req.getDigest(), "digest")))).build(),
                e -> ReadObjectResponse.newBuilder().setError(e).build());
    }

    /** All object digests, or those whose bytes start with the given ones; each as one message. */
    @Override
    public void findDigests(FindDigestsRequest req, StreamObserver<FindDigestsResponse> out) {
        DigestSearchCriteria c = req.getSearchCriteria();
        if (!req.hasSearchCriteria() || c.getCriteriaCase() == DigestSearchCriteria.CriteriaCase.CRITERIA_NOT_SET) {
            out.onError(Status.INVALID_ARGUMENT.withDescription("no search criteria").asRuntimeException());
            return;
        }
        byte[] prefix = c.hasStartsWith() ? c.getStartsWith().getBytes().toByteArray() : new byte[0];
        try (Stream<Digest> all = served.repository().objectDigests()) {
            all.filter(d -> startsWith(d, prefix))
                    .forEach(d -> out.onNext(FindDigestsResponse.newBuilder().setOk(Wire.digest(d)).build()));
        } catch (RuntimeException e) {
            out.onNext(FindDigestsResponse.newBuilder().setError(Wire.error(Answers.logged(e))).build());
        }
        out.onCompleted();
    }

    private static boolean startsWith(Digest d, byte[] prefix) {
        if (prefix.length > Digest.SIZE) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((byte) d.byteAt(i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** As spfs's server: clients list digests and read objects one by one instead. */
    @Override
    public void iterObjects(IterObjectsRequest req, StreamObserver<IterObjectsResponse> out) {
        out.onError(Status.UNIMPLEMENTED.withDescription("object iteration is not offered over gRPC").asRuntimeException());
    }

    @Override
    public void walkObjects(WalkObjectsRequest req, StreamObserver<WalkObjectsResponse> out) {
        out.onError(Status.UNIMPLEMENTED.withDescription("object walking is not offered over gRPC").asRuntimeException());
    }

    @Override
    public void writeObject(WriteObjectRequest req, StreamObserver<WriteObjectResponse> out) {
        Answers.unary(out, () -> {
            served.repository().writeObject(Wire.object(req.hasObject(), req.getObject()));
            return WriteObjectResponse.newBuilder().setOk(OK).build();
        }, e -> WriteObjectResponse.newBuilder().setError(e).build());
    }

    @Override
    public void removeObject(RemoveObjectRequest req, StreamObserver<RemoveObjectResponse> out) {
        Answers.unary(out, () -> {
            served.repository().removeObject(Wire.digest(req.hasDigest(), req.getDigest(), "digest"));
            return RemoveObjectResponse.newBuilder().setOk(OK).build();
        }, e -> RemoveObjectResponse.newBuilder().setError(e).build());
    }

    @Override
    public void removeObjectIfOlderThan(RemoveObjectIfOlderThanRequest req,
            StreamObserver<RemoveObjectIfOlderThanResponse> out) {
        Answers.unary(out, () -> RemoveObjectIfOlderThanResponse.newBuilder().setOk(served.repository()
                .removeObjectIfOlderThan(Wire.digest(req.hasDigest(), req.getDigest(), "digest"),
                        Wire.time(req.hasOlderThan(), req.getOlderThan(), "older_than"))).build(),
                e -> RemoveObjectIfOlderThanResponse.newBuilder().setError(e).build());
    }
}
