package spfs.storage.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TempNamesTest {
    @Test
    void namesAreNeverHandedOutTwiceAcrossThreadsAndHandles() throws Exception {
        TempNames a = new TempNames();
        TempNames b = new TempNames();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            TempNames names = t % 2 == 0 ? a : b;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 2_000; i++) {
                    seen.add(names.next());
                }
            });
            th.start();
            threads.add(th);
        }
        start.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(16_000, seen.size());
    }

    @Test
    void twoHandlesDrawDifferentRandomParts() {
        String a = new TempNames().next();
        String b = new TempNames().next();
        assertTrue(a.matches("[0-9a-f]{32}-0"), a);
        assertTrue(!a.substring(0, 32).equals(b.substring(0, 32)), a + " " + b);
    }
}
