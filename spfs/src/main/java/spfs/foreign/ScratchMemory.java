package spfs.foreign;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteBuffer;

/**
 * Each thread's native buffer for the arguments of calls made through jffi (paths, data, a hash's
 * state): allocated once per thread and grown when a call needs more, never per call. Direct
 * buffers, so the collector frees them with their thread's map.
 */
public final class ScratchMemory {
    private final MemoryIO memory = MemoryIO.getInstance();
    private final ThreadLocal<Block> blocks = new ThreadLocal<>();
    private final int initialSize;

    /** A thread's buffer and its address (asking jffi for an address is itself a native call). */
    private record Block(ByteBuffer buffer, long address) {}

    /** Buffers start at {@code initialSize} bytes. */
    public ScratchMemory(int initialSize) {
        this.initialSize = initialSize;
    }

    /** The address of this thread's buffer, at least {@code size} bytes; valid until its next call. */
    public long address(long size) {
        Block b = blocks.get();
        if (b == null || b.buffer().capacity() < size) {
            long grown = Math.max(size, b == null ? initialSize : b.buffer().capacity() * 2L);
            if (grown > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a native buffer of " + size + " bytes is more than one call may pass");
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect((int) grown);
            b = new Block(buffer, memory.getDirectBufferAddress(buffer));
            blocks.set(b);
        }
        return b.address();
    }
}
