package spfs.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import spfs.encoding.Digest;
import spfs.error.IoMessages;
import spfs.error.SpfsException;
import spfs.storage.PayloadStorage.PayloadWrite;

/**
 * Stores payloads under their digest, which is only known once the whole content was read: up to
 * 4 MiB is hashed in memory, anything larger is spooled to a private temp file while hashing,
 * then uploaded (in parts beyond 64 MiB). Single uploads carry their Content-MD5, so the store
 * refuses bytes damaged on the way; a payload that does not hash to the digest its sender
 * expected is never uploaded at all.
 */
final class PayloadUploads {
    static final int IN_MEMORY = 4 << 20;

    private final ObjectStore store;

    PayloadUploads(ObjectStore store) {
        this.store = store;
    }

    PayloadWrite write(InputStream data, Optional<Digest> expected) {
        try {
            MessageDigest md = Digest.sha256();
            byte[] head = data.readNBytes(IN_MEMORY + 1);
            if (head.length <= IN_MEMORY) {
                md.update(head);
                Digest d = Digest.finish(md);
                if (expected.isPresent() && !expected.get().equals(d)) {
                    return new PayloadWrite(d, head.length, false);
                }
                store.write(S3Layout.payload(d), head, true);
                return new PayloadWrite(d, head.length, true);
            }
            return spooled(head, data, md, expected);
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot read a payload to upload: " + IoMessages.describe(e), e);
        }
    }

    private PayloadWrite spooled(byte[] head, InputStream rest, MessageDigest md, Optional<Digest> expected) throws IOException {
        // createTempFile makes it readable by its owner only
        Path tmp = Files.createTempFile("spfs-s3-upload-", ".tmp");
        try {
            long size = head.length;
            MessageDigest md5 = ObjectStore.md5();
            try (OutputStream out = Files.newOutputStream(tmp)) {
                md.update(head);
                md5.update(head);
                out.write(head);
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = rest.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    md5.update(buf, 0, n);
                    out.write(buf, 0, n);
                    size += n;
                }
            }
            Arrays.fill(head, (byte) 0);
            Digest d = Digest.finish(md);
            if (expected.isPresent() && !expected.get().equals(d)) {
                return new PayloadWrite(d, size, false);
            }
            String key = S3Layout.payload(d);
            if (store.head(key).isPresent()) {
                return new PayloadWrite(d, size, false);
            }
            store.writeFile(key, tmp, size, ObjectStore.base64(md5));
            return new PayloadWrite(d, size, true);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
