package spfs.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoMessagesTest {
    @Test
    void failuresThatTheJdkNamesOnlyByPathSayWhatWentWrong() {
        assertEquals("permission denied: /x/secret", IoMessages.describe(new AccessDeniedException("/x/secret")));
        assertEquals("no such file or directory: /x/gone", IoMessages.describe(new NoSuchFileException("/x/gone")));
        assertEquals("it is not valid UTF-8 text", IoMessages.describe(new MalformedInputException(1)));
        assertEquals("Read-only file system: /r", IoMessages.describe(new java.nio.file.FileSystemException("/r", null,
                "Read-only file system")));
    }
}
