package spfs.storage.s3;

import java.util.regex.Pattern;
import spfs.error.SpfsException;

/**
 * Where a repository lives in an object store: a bucket and a key prefix ({@code
 * s3://BUCKET/PREFIX}); every key of the repository starts with the prefix and a slash.
 */
record S3Location(String bucket, String prefix) {
    /** DNS-style bucket names (S3's rules; Ceph and MinIO accept the same). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Parses {@code s3://bucket[/prefix...]}; a trailing slash is ignored. */
    static S3Location parse(String address) {
        if (!address.startsWith("s3://")) {
            throw SpfsException.badInput("invalid-address", "'" + address + "' is not an s3://BUCKET/PREFIX address");
        }
        String rest = address.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw SpfsException.badInput("invalid-address", "invalid bucket name '" + bucket + "' in " + address
                    + " (3 to 63 lower-case letters, digits, dots and hyphens)");
        }
        if (!prefix.isEmpty()) {
            for (String part : prefix.split("/", -1)) {
                // keys are not paths, but file-backed stores (MinIO, S3Proxy) map them onto paths
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    throw SpfsException.badInput("invalid-address", "invalid prefix '" + prefix + "' in " + address
                            + " (no empty, '.' or '..' parts)");
                }
            }
        }
        return new S3Location(bucket, prefix);
    }

    /** The key of {@code relative} (a repository path such as {@code objects/AB/...}). */
    String key(String relative) {
        return prefix.isEmpty() ? relative : prefix + "/" + relative;
    }

    /** The repository path of {@code key} (the prefix removed). */
    String relative(String key) {
        return prefix.isEmpty() ? key : key.substring(prefix.length() + 1);
    }

    String address() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public String toString() {
        return address();
    }
}
