package spfs.storage;

/**
 * Something a repository's own files show that its objects do not: a file of the wrong kind
 * where a tag, object or payload should be (a problem), or permissions that let other users
 * change data (a warning). {@code path} is relative to the repository's root.
 */
public record StorageFinding(Severity severity, String path, String detail) {
    /** Whether the repository is damaged, or only unsafe. */
    public enum Severity { PROBLEM, WARNING }
}
