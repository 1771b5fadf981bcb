package spfs.encoding;

import java.security.MessageDigest;

/** A SHA-256 engine backed by {@link Libcrypto}; its state lives in a Java array, so it is copied and dropped like any object. */
final class NativeSha256 extends MessageDigest implements Cloneable {
    private final Libcrypto lib;
    private byte[] ctx = new byte[Libcrypto.CONTEXT_BYTES];
    private boolean started;

    NativeSha256(Libcrypto lib) {
        super("SHA-256");
        this.lib = lib;
    }

    @Override
    protected int engineGetDigestLength() {
        return Libcrypto.DIGEST_BYTES;
    }

    @Override
    protected void engineUpdate(byte input) {
        engineUpdate(new byte[] {input}, 0, 1);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        if (!started) {
            lib.start(ctx);
            started = true;
        }
        lib.update(ctx, input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
        if (!started) {
            lib.start(ctx);
        }
        started = false;
        return lib.finish(ctx);
    }

    @Override
    protected void engineReset() {
        started = false;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        NativeSha256 copy = (NativeSha256) super.clone();
        copy.ctx = ctx.clone();
        return copy;
    }
}
