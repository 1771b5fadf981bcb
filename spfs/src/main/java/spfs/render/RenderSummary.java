package spfs.render;

/** Counts of what a render did, printed as JSON by {@code spfs render}. */
public record RenderSummary(long entries, long linked, long alreadyExisted, long copied, long copiedLinkLimit,
        long symlinks, long directories, long bytes) {}
