package spfs.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing a tree that someone else is removing at the same time (a build's cleanup and its shutdown hook). */
class DirectoryRemovalTest {
    @TempDir
    Path tmp;

    @Test
    void twoRemoversOfOneTreeLeaveNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                Path root = tmp.resolve("tree-" + round);
                for (int d = 0; d < 20; d++) {
                    Path dir = Files.createDirectories(root.resolve("d" + d).resolve("inner"));
                    for (int f = 0; f < 10; f++) {
                        Files.writeString(dir.resolve("f" + f), "x");
                        Files.writeString(dir.getParent().resolve("g" + f), "y");
                    }
                }
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Object> a = pool.submit((java.util.concurrent.Callable<Object>) () -> {
                    start.await();
                    DirectoryRemoval.removeTree(root);
                    // the caller may be a shutdown hook: once it returns, the JVM halts and the other remover with it
                    return Files.exists(root) ? "returned with the tree still there" : null;
                });
                Future<Object> b = pool.submit((java.util.concurrent.Callable<Object>) () -> {
                    start.await();
                    DirectoryRemoval.removeTree(root);
                    // the caller may be a shutdown hook: once it returns, the JVM halts and the other remover with it
                    return Files.exists(root) ? "returned with the tree still there" : null;
                });
                assertNull(a.get(), "round " + round);
                assertNull(b.get(), "round " + round);
                assertFalse(Files.exists(root), "round " + round + ": both removers returned, yet the tree is there");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
