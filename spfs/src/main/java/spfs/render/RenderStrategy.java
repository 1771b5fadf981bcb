package spfs.render;

/** How files get into a render. */
public enum RenderStrategy {
    /** Hard links through a per-user, per-mode proxy of each payload (the default in a repo). */
    HARD_LINK,
    /** Hard links straight to payloads; owner and mode are whatever the payload has. */
    HARD_LINK_NO_PROXY,
    /** Byte copies with the entry's mode (the default when rendering into a directory). */
    COPY
}
