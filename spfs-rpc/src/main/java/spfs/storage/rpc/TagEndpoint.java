package spfs.storage.rpc;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.stream.Stream;
import spfs.error.UnknownReferenceException;
import spfs.storage.Repository;
import spfs.storage.TagDatabase.TagListing;
import spfs.storage.rpc.proto.ErrorProto;
import spfs.storage.rpc.proto.TagProto.FindTagsRequest;
import spfs.storage.rpc.proto.TagProto.FindTagsResponse;
import spfs.storage.rpc.proto.TagProto.InsertTagRequest;
import spfs.storage.rpc.proto.TagProto.InsertTagResponse;
import spfs.storage.rpc.proto.TagProto.IterTagSpecsRequest;
import spfs.storage.rpc.proto.TagProto.IterTagSpecsResponse;
import spfs.storage.rpc.proto.TagProto.LsTagsRequest;
import spfs.storage.rpc.proto.TagProto.LsTagsResponse;
import spfs.storage.rpc.proto.TagProto.ReadTagRequest;
import spfs.storage.rpc.proto.TagProto.ReadTagResponse;
import spfs.storage.rpc.proto.TagProto.RemoveTagRequest;
import spfs.storage.rpc.proto.TagProto.RemoveTagResponse;
import spfs.storage.rpc.proto.TagProto.RemoveTagStreamRequest;
import spfs.storage.rpc.proto.TagProto.RemoveTagStreamResponse;
import spfs.storage.rpc.proto.TagProto.ResolveTagRequest;
import spfs.storage.rpc.proto.TagProto.ResolveTagResponse;
import spfs.storage.rpc.proto.TagServiceGrpc;
import spfs.tag.Tag;
import spfs.tag.TagSpec;

/** The server's TagService: the served repository's tags, in the namespace each request names. */
final class TagEndpoint extends TagServiceGrpc.TagServiceImplBase {
    private static final ErrorProto.Ok OK = ErrorProto.Ok.getDefaultInstance();
    private final ServedRepository served;

    TagEndpoint(ServedRepository served) {
        this.served = served;
    }

    /** Folders without their trailing slash, as spfs sends them. */
    @Override
    public void lsTags(LsTagsRequest req, StreamObserver<LsTagsResponse> out) {
        Answers.unary(out, () -> {
            LsTagsResponse.EntryList.Builder list = LsTagsResponse.EntryList.newBuilder();
            for (TagListing l : served.in(req.getNamespace()).lsTags(req.getPath())) {
                LsTagsResponse.Entry.Builder e = LsTagsResponse.Entry.newBuilder();
                if (l.folder()) {
                    e.setFolder(l.name().endsWith("/") ? l.name().substring(0, l.name().length() - 1) : l.name());
                } else {
                    e.setTag(l.name());
                }
                list.addEntries(e);
            }
            return LsTagsResponse.newBuilder().setOk(list).build();
        }, e -> LsTagsResponse.newBuilder().setError(e).build());
    }

    @Override
    public void resolveTag(ResolveTagRequest req, StreamObserver<ResolveTagResponse> out) {
        Answers.unary(out, () -> ResolveTagResponse.newBuilder()
                .setOk(Wire.tag(served.in(req.getNamespace()).resolveTag(TagSpec.parse(req.getTagSpec())))).build(),
                e -> ResolveTagResponse.newBuilder().setError(e).build());
    }

    @Override
    public void findTags(FindTagsRequest req, StreamObserver<FindTagsResponse> out) {
        Answers.unary(out, () -> {
            FindTagsResponse.TagList.Builder list = FindTagsResponse.TagList.newBuilder();
            served.in(req.getNamespace()).findTags(Wire.digest(req.hasDigest(), req.getDigest(), "digest"))
                    .forEach(t -> list.addTags(t.toString()));
            return FindTagsResponse.newBuilder().setOk(list).build();
        }, e -> FindTagsResponse.newBuilder().setError(e).build());
    }

    @Override
    public void iterTagSpecs(IterTagSpecsRequest req, StreamObserver<IterTagSpecsResponse> out) {
        Answers.unary(out, () -> {
            IterTagSpecsResponse.TagSpecList.Builder list = IterTagSpecsResponse.TagSpecList.newBuilder();
            try (Stream<TagSpec> streams = served.in(req.getNamespace()).tagStreams()) {
                streams.forEach(t -> list.addTagSpecs(t.toString()));
            }
            return IterTagSpecsResponse.newBuilder().setOk(list).build();
        }, e -> IterTagSpecsResponse.newBuilder().setError(e).build());
    }

    /** The whole stream, newest first; a stream that does not exist is an unknown reference, as in spfs. */
    @Override
    public void readTag(ReadTagRequest req, StreamObserver<ReadTagResponse> out) {
        Answers.unary(out, () -> {
            TagSpec spec = TagSpec.parse(req.getTagSpec());
            List<Tag> versions = served.in(req.getNamespace()).readTagStream(spec);
            if (versions.isEmpty()) {
                throw new UnknownReferenceException(req.getTagSpec());
            }
            ReadTagResponse.TagList.Builder list = ReadTagResponse.TagList.newBuilder();
            versions.forEach(t -> list.addTags(Wire.tag(t)));
            return ReadTagResponse.newBuilder().setOk(list).build();
        }, e -> ReadTagResponse.newBuilder().setError(e).build());
    }

    @Override
    public void insertTag(InsertTagRequest req, StreamObserver<InsertTagResponse> out) {
        Answers.unary(out, () -> {
            Repository r = served.in(req.getNamespace());
            r.insertTag(Wire.tag(req.getTag()));
            return InsertTagResponse.newBuilder().setOk(OK).build();
        }, e -> InsertTagResponse.newBuilder().setError(e).build());
    }

    @Override
    public void removeTagStream(RemoveTagStreamRequest req, StreamObserver<RemoveTagStreamResponse> out) {
        Answers.unary(out, () -> {
            served.in(req.getNamespace()).removeTagStream(TagSpec.parse(req.getTagSpec()));
            return RemoveTagStreamResponse.newBuilder().setOk(OK).build();
        }, e -> RemoveTagStreamResponse.newBuilder().setError(e).build());
    }

    @Override
    public void removeTag(RemoveTagRequest req, StreamObserver<RemoveTagResponse> out) {
        Answers.unary(out, () -> {
            served.in(req.getNamespace()).removeTag(Wire.tag(req.getTag()));
            return RemoveTagResponse.newBuilder().setOk(OK).build();
        }, e -> RemoveTagResponse.newBuilder().setError(e).build());
    }
}
