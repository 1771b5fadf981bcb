import java.security.MessageDigest;

/** SHA-256 throughput of one core in this JVM (after warm-up), to compare commit speed against. */
public class Sha256Rate {
    public static void main(String[] args) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long t = System.nanoTime();
            for (int i = 0; i < 512; i++) {
                md.update(block);
            }
            md.digest();
            best = Math.max(best, 512.0 * (1 << 20) / ((System.nanoTime() - t) / 1e9));
        }
        System.out.printf("SHA-256, one core, this JVM: %.2f GB/s%n", best / 1e9);
    }
}
