package spfs.graph;

/** How an object's body is stored (header byte 10). */
public enum EncodingFormat {
    LEGACY(0), FLATBUFFERS(1);

    private final int number;

    EncodingFormat(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static EncodingFormat fromNumber(int n) {
        for (EncodingFormat f : values()) {
            if (f.number == n) {
                return f;
            }
        }
        return null;
    }
}
