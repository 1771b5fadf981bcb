package spfs.storage.fs;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import spfs.error.IoMessages;
import spfs.error.SpfsException;

/** Turning a repository shared with a group ({@code spfs init repo --shared-group GROUP}). */
final class SharedRepositories {
    private SharedRepositories() {}

    /** The group called {@code name}; bad input if there is none. */
    static GroupPrincipal lookupGroup(String name) {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw SpfsException.badInput("unknown-group", "there is no group named '" + name + "'");
        } catch (IOException e) {
            throw SpfsException.environment("io", "cannot look up group '" + name + "': " + IoMessages.describe(e), e);
        }
    }

    /**
     * Gives every directory and file under {@code root} the group and the shared modes. Files of
     * other users can only be changed by root: those are counted and reported, nothing else fails.
     */
    static void share(Path root, RepositoryPermissions perms) throws IOException {
        long[] refused = new long[1];
        Path[] example = new Path[1];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                apply(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                apply(file);
                return FileVisitResult.CONTINUE;
            }

            private void apply(Path p) {
                try {
                    perms.shareExisting(p);
                } catch (IOException e) {
                    refused[0]++;
                    if (example[0] == null) {
                        example[0] = p;
                    }
                }
            }
        });
        if (refused[0] > 0) {
            throw SpfsException.environment("permission-denied", "could not give " + refused[0] + " files of " + root
                    + " to the group (e.g. " + example[0] + "; they belong to other users): run this as root", null);
        }
    }
}
