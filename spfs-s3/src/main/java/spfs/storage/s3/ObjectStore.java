package spfs.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import spfs.encoding.Digest;
import spfs.error.SpfsException;

/**
 * The object store behind one repository: the few S3 calls the repository makes, on keys
 * relative to its prefix, with every failure turned into a one-line error that names the store.
 * Thread-safe (the SDK client is); its HTTP connections are pooled for parallel syncs.
 */
final class ObjectStore implements AutoCloseable {
    private static final int MAX_PARTS = 10_000;

    /**
     * Files above {@code threshold} go up in parts of at least {@code partSize} (a single PUT is
     * held by the store whole, and retried whole).
     */
    record Multipart(long threshold, long partSize) {
        static final Multipart DEFAULT = new Multipart(64L << 20, 16L << 20);
    }

    private final S3Client client;
    private final S3Location location;
    private final String endpointText;
    private final Multipart multipart;

    ObjectStore(S3Client client, S3Location location, String endpointText, Multipart multipart) {
        this.client = client;
        this.location = location;
        this.endpointText = endpointText;
        this.multipart = multipart;
    }

    /** A client for {@code settings}: Apache HttpClient 5, checksums only where the API requires them. */
    static ObjectStore connect(S3Location location, S3Settings settings, Multipart multipart) {
        var builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(64)
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)))
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyle())
                .credentialsProvider(credentials(settings))
                // the SDK's default CRC32 (and x-amz-checksum-sha256) headers are refused by some
                // S3-compatible stores (S3Proxy, older Ceph: 501); payloads carry the Content-MD5
                // every store checks instead, and readers re-hash what they download
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        settings.endpoint().ifPresent(builder::endpointOverride);
        // the SDK finds its interceptors and endpoint rules through the context class loader: make
        // that ours, which sees the SDK's jars also when they are off the class path (bin/spfs)
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(ObjectStore.class.getClassLoader());
        try {
            return new ObjectStore(builder.build(), location, settings.endpointText(), multipart);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.keys().isPresent()) {
            S3Settings.Keys k = settings.keys().get();
            return StaticCredentialsProvider.create(k.sessionToken().isPresent()
                    ? AwsSessionCredentials.create(k.accessKeyId(), k.secretAccessKey(), k.sessionToken().get())
                    : AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey()));
        }
        ProfileCredentialsProvider profile = settings.profile()
                .map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(ProfileCredentialsProvider::create);
        // never the instance-metadata service: nothing here should reach for a cloud's link-local address
        return AwsCredentialsProviderChain.of(profile, AnonymousCredentialsProvider.create());
    }

    S3Location location() {
        return location;
    }

    /** A stored key's size and last write (the store's clock). */
    record Head(long size, Instant modified) {}

    /** One key of a listing, relative to the prefix. */
    record Listed(String key, long size, Instant modified) {}

    /** The folders ({@code a/}) and keys directly under a prefix. */
    record Folder(List<String> folders, List<Listed> keys) {}

    Optional<Head> head(String key) {
        try {
            HeadObjectResponse r = client.headObject(b -> b.bucket(location.bucket()).key(location.key(key)));
            return Optional.of(new Head(r.contentLength(), r.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    /** The whole of a small key; empty if absent. */
    Optional<byte[]> read(String key) {
        try {
            return Optional.of(client.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key(key))).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    /** A key's content as a stream (the caller closes it); empty if absent. */
    Optional<InputStream> open(String key) {
        try {
            ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(location.bucket()).key(location.key(key)));
            return Optional.of(new Download(in));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    /**
     * Writes {@code data} at {@code key} in one PUT (which stores all of it or nothing). With
     * {@code checked}, the store is given its MD5 and refuses bytes damaged on the way.
     */
    void write(String key, byte[] data, boolean checked) {
        try {
            String md5 = checked ? md5(new java.io.ByteArrayInputStream(data)) : null;
            client.putObject(b -> b.bucket(location.bucket()).key(location.key(key)).contentLength((long) data.length).contentMD5(md5),
                    RequestBody.fromBytes(data));
        } catch (SdkException e) {
            throw failure("write " + key, e);
        } catch (IOException e) {
            throw new IllegalStateException(e); // reading memory
        }
    }

    private static String md5(InputStream in) throws IOException {
        java.security.MessageDigest md = md5();
        byte[] buf = new byte[1 << 16];
        int n;
        try (in) {
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return base64(md);
    }

    static java.security.MessageDigest md5() {
        try {
            return java.security.MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Content-MD5 header's text for what {@code md} has seen. */
    static String base64(java.security.MessageDigest md) {
        return Base64.getEncoder().encodeToString(md.digest());
    }

    /**
     * Writes a local file at {@code key}: one PUT, or above {@link Multipart#threshold} a
     * multipart upload, which the store shows only once completed and which is aborted on any
     * failure; either way the key holds all of the file or nothing.
     */
    void writeFile(String key, Path file, long size, String md5) {
        if (size <= multipart.threshold()) {
            try {
                client.putObject(b -> b.bucket(location.bucket()).key(location.key(key)).contentLength(size).contentMD5(md5),
                        RequestBody.fromFile(file));
            } catch (SdkException e) {
                throw failure("write " + key, e);
            }
            return;
        }
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(b -> b.bucket(location.bucket()).key(location.key(key))).uploadId();
        } catch (SdkException e) {
            throw failure("write " + key, e);
        }
        boolean done = false;
        try {
            long partSize = Math.max(multipart.partSize(), (size + MAX_PARTS - 1) / MAX_PARTS);
            List<CompletedPart> parts = new ArrayList<>();
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
                int number = 1;
                for (long offset = 0; offset < size; offset += partSize, number++) {
                    long length = Math.min(partSize, size - offset);
                    int n = number;
                    long from = offset;
                    String etag = client.uploadPart(b -> b.bucket(location.bucket()).key(location.key(key)).uploadId(uploadId)
                            .partNumber(n).contentLength(length),
                            RequestBody.fromContentProvider(() -> new FileRegion(ch, from, length), length,
                                    "application/octet-stream")).eTag();
                    parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
                }
            }
            client.completeMultipartUpload(b -> b.bucket(location.bucket()).key(location.key(key)).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            done = true;
        } catch (SdkException e) {
            throw failure("write " + key, e);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read " + file + " to upload it: " + spfs.error.IoMessages.describe(e), e);
        } finally {
            if (!done) {
                abortQuietly(key, uploadId);
            }
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(location.key(key)).uploadId(uploadId));
        } catch (SdkException e) {
            // the upload stays invisible; spfs clean aborts leftovers older than its age floor
        }
    }

    /** Removes a key (absent keys are no error: S3 does not say). */
    void delete(String key) {
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(location.key(key)));
        } catch (SdkException e) {
            throw failure("remove " + key, e);
        }
    }

    /** Removes many keys, one request each (DeleteObjects needs checksum headers not every store takes). */
    void deleteAll(List<String> keys) {
        for (String k : keys) {
            delete(k);
        }
    }

    /** Every key under {@code prefix} (relative, e.g. {@code objects/}), page by page as the stream is read. */
    Stream<Listed> list(String prefix) {
        Iterator<S3Object> it;
        try {
            it = client.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.key(prefix))).contents().iterator();
        } catch (SdkException e) {
            throw failure("list " + prefix, e);
        }
        Iterator<Listed> mapped = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (SdkException e) {
                    throw failure("list " + prefix, e);
                }
            }

            @Override
            public Listed next() {
                S3Object o = it.next();
                return new Listed(location.relative(o.key()), o.size(), o.lastModified());
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(mapped, Spliterator.ORDERED), false);
    }

    /** The folders and keys directly under {@code prefix} (which ends with a slash, or is empty). */
    Folder folder(String prefix) {
        List<String> folders = new ArrayList<>();
        List<Listed> keys = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : client.listObjectsV2Paginator(b -> b.bucket(location.bucket())
                    .prefix(location.key(prefix)).delimiter("/"))) {
                for (CommonPrefix p : page.commonPrefixes()) {
                    folders.add(location.relative(p.prefix()).substring(prefix.length()));
                }
                for (S3Object o : page.contents()) {
                    keys.add(new Listed(location.relative(o.key()), o.size(), o.lastModified()));
                }
            }
        } catch (SdkException e) {
            throw failure("list " + prefix, e);
        }
        return new Folder(folders, keys);
    }

    /** An upload started and never completed or aborted (a killed writer's). */
    record Unfinished(String key, String uploadId, Instant initiated) {}

    List<Unfinished> unfinishedUploads() {
        List<Unfinished> out = new ArrayList<>();
        try {
            for (var page : client.listMultipartUploadsPaginator(b -> b.bucket(location.bucket()).prefix(location.key("")))) {
                for (MultipartUpload u : page.uploads()) {
                    out.add(new Unfinished(location.relative(u.key()), u.uploadId(), u.initiated()));
                }
            }
        } catch (S3Exception e) {
            if (e.statusCode() == 501) {
                return List.of(); // a store without listing (or keeping) unfinished uploads
            }
            throw failure("list unfinished uploads", e);
        } catch (SdkException e) {
            throw failure("list unfinished uploads", e);
        }
        return out;
    }

    void abort(Unfinished upload) {
        try {
            client.abortMultipartUpload(b -> b.bucket(location.bucket()).key(location.key(upload.key())).uploadId(upload.uploadId()));
        } catch (NoSuchKeyException e) {
            // finished or aborted meanwhile
        } catch (SdkException e) {
            throw failure("abort the upload of " + upload.key(), e);
        }
    }

    /** One line that names the store and says what went wrong (never the SDK's stack). */
    SpfsException failure(String what, SdkException e) {
        String where = location + " at " + endpointText;
        if (e instanceof S3Exception s3) {
            String code = s3.awsErrorDetails() == null ? "" : String.valueOf(s3.awsErrorDetails().errorCode());
            int status = s3.statusCode();
            if (code.equals("NoSuchBucket")) {
                return SpfsException.notFound("s3-no-such-bucket", "cannot " + what + " in " + where + ": bucket '"
                        + location.bucket() + "' does not exist");
            }
            if (status == 403 || code.equals("AccessDenied") || code.equals("InvalidAccessKeyId")
                    || code.equals("SignatureDoesNotMatch")) {
                return SpfsException.environment("s3-access-denied", "cannot " + what + " in " + where + ": access denied ("
                        + (code.isEmpty() ? "HTTP " + status : code)
                        + "; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or the remote's credentials)", e);
            }
            String message = s3.awsErrorDetails() == null ? null : s3.awsErrorDetails().errorMessage();
            return SpfsException.environment("s3", "cannot " + what + " in " + where + ": " + (code.isEmpty() ? "" : code + ", ")
                    + "HTTP " + status + (message == null ? "" : " (" + message + ")"), e);
        }
        return SpfsException.environment("s3-unreachable", "cannot " + what + " in " + where + ": " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Override
    public void close() {
        client.close();
    }

    /** A download that, closed before its end, drops its connection rather than reading the rest. */
    private static final class Download extends spfs.storage.NetworkBody {
        private final ResponseInputStream<GetObjectResponse> response;

        Download(ResponseInputStream<GetObjectResponse> in) {
            super(in);
            this.response = in;
        }

        @Override
        public void close() throws IOException {
            if (!ended()) {
                response.abort();
            }
            super.close();
        }
    }

    /** A part of a file, read through its own position so parts never share a stream. */
    private static final class FileRegion extends InputStream {
        private final java.nio.channels.FileChannel ch;
        private long pos;
        private final long end;

        FileRegion(java.nio.channels.FileChannel ch, long from, long length) {
            this.ch = ch;
            this.pos = from;
            this.end = from + length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (pos >= end) {
                return -1;
            }
            int want = (int) Math.min(len, end - pos);
            int n = ch.read(java.nio.ByteBuffer.wrap(buf, off, want), pos);
            if (n > 0) {
                pos += n;
            }
            return n;
        }
    }
}
