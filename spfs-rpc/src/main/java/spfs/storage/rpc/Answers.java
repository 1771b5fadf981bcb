package spfs.storage.rpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Function;
import java.util.function.Supplier;
import spfs.storage.rpc.proto.ErrorProto;
import spk.error.SpkException;

/**
 * How the server answers a call: the result, or the failure as the response's in-band error (as
 * spfs does), so one bad request never takes more than its own call down. A request the server
 * cannot even read (a digest of the wrong length) is refused with INVALID_ARGUMENT where spfs
 * does so too.
 */
final class Answers {
    private Answers() {}

    /** Answers a unary call whose response has a {@code result} oneof with an {@code error} case. */
    static <T> void unary(StreamObserver<T> out, Supplier<T> ok, Function<ErrorProto.Error, T> error) {
        T answer;
        try {
            answer = ok.get();
        } catch (RuntimeException e) {
            answer = error.apply(Wire.error(logged(e)));
        }
        out.onNext(answer);
        out.onCompleted();
    }

    /** Answers a call whose response has no error case: a failure becomes a gRPC status. */
    static <T> void plain(StreamObserver<T> out, Supplier<T> ok) {
        T answer;
        try {
            answer = ok.get();
        } catch (Wire.InvalidMessage e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            out.onError(Status.INTERNAL.withDescription(logged(e).getMessage()).asRuntimeException());
            return;
        }
        out.onNext(answer);
        out.onCompleted();
    }

    /** Failures that are not the request's doing are worth a line on the server's error output. */
    static RuntimeException logged(RuntimeException e) {
        if (!(e instanceof SpkException s) || s.kind() == SpkException.Kind.ENVIRONMENT) {
            System.err.println("spfs server: " + (e instanceof SpkException ? e.getMessage() : e.toString()));
        }
        return e;
    }
}
