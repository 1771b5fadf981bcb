package spfs.encoding;

import java.util.Arrays;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generators for the numbers and digests that objects carry: the whole range, with the edge
 * values (0, ±1, the extremes) and small magnitudes drawn often, as binary encodings break there.
 */
public final class RandomValues {
    private RandomValues() {}

    /** Any int; edges and small values (e.g. file modes) often. */
    public static Gen<Integer> ints() {
        return Generate.frequency(
                Pair.of(1, Generate.pick(List.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -2, -1, 0, 1, 2,
                        Integer.MAX_VALUE - 1, Integer.MAX_VALUE))),
                Pair.of(1, Generate.range(-0x10000, 0x10000)),
                Pair.of(2, Generate.range(Integer.MIN_VALUE, Integer.MAX_VALUE)));
    }

    /** 0 to {@code Integer.MAX_VALUE}; edges and small values often. */
    public static Gen<Integer> nonNegativeInts() {
        return Generate.frequency(
                Pair.of(1, Generate.pick(List.of(0, 1, 2, Integer.MAX_VALUE - 1, Integer.MAX_VALUE))),
                Pair.of(1, Generate.range(0, 0x10000)),
                Pair.of(2, Generate.range(0, Integer.MAX_VALUE)));
    }

    /** 0 to {@code Long.MAX_VALUE}; edges and small values often. */
    public static Gen<Long> nonNegativeLongs() {
        return Generate.frequency(
                Pair.of(1, Generate.pick(List.of(0L, 1L, 2L, Long.MAX_VALUE - 1, Long.MAX_VALUE))),
                Pair.of(1, Generate.longRange(0, 0x10000)),
                Pair.of(2, Generate.longRange(0, Long.MAX_VALUE)));
    }

    /** Any byte; the edges often. */
    public static Gen<Byte> bytes() {
        return Generate.frequency(
                Pair.of(1, Generate.pick(List.of(Byte.MIN_VALUE, (byte) -1, (byte) 0, (byte) 1, Byte.MAX_VALUE))),
                Pair.of(3, Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0)));
    }

    /** The 32 bytes of a digest: random ones, or all one edge byte (all zeros, all ones, ...). */
    public static Gen<byte[]> digestBytes() {
        Gen<byte[]> filled = Generate.pick(List.of(Byte.MIN_VALUE, (byte) -1, (byte) 0, (byte) 1, Byte.MAX_VALUE))
                .map(b -> {
                    byte[] a = new byte[Digest.SIZE];
                    Arrays.fill(a, b);
                    return a;
                });
        return Generate.frequency(Pair.of(1, filled),
                Pair.of(4, Generate.byteArrays(Generate.constant(Digest.SIZE), bytes())))
                .describedAs(Arrays::toString);
    }

    /** Digests of {@link #digestBytes()}. */
    public static Gen<Digest> digests() {
        return digestBytes().map((byte[] b) -> Digest.fromBytes(b));
    }
}
