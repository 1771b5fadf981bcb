package spfs.graph;

import java.nio.charset.StandardCharsets;

/** The prefix that keeps digests of different object kinds apart (strategy WithKindAndSalt). */
final class DigestSalt {
    private DigestSalt() {}

    /** 48 ASCII bytes and a NUL, exactly as spfs hashes them. */
    static final byte[] SALT = "spfs digest da8d8e62-9459-11ee-adab-00155dcb338b\0".getBytes(StandardCharsets.US_ASCII);
}
