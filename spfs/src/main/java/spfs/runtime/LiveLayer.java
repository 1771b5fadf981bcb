package spfs.runtime;

import java.util.List;

/** A layer of host paths bind-mounted into /spfs instead of stored content ({@code spfs/v0/livelayer}). */
public record LiveLayer(String api, List<BindMount> contents) {
    public static final String API = "spfs/v0/livelayer";

    public LiveLayer {
        contents = List.copyOf(contents);
    }
}
