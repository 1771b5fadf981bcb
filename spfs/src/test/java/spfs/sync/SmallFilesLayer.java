package spfs.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import spfs.commit.DirectoryCommitter;
import spfs.encoding.Digest;
import spfs.graph.ObjectFormat;
import spfs.storage.fs.FsRepository;

/** A layer of many small files ({@code f<i>} holding {@code file <i>}), committed into a new repository. */
record SmallFilesLayer(FsRepository repo, Digest layer) {
    static SmallFilesLayer commit(Path tmp, int files, java.util.Map<String, byte[]> extra) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        for (int i = 0; i < files; i++) {
            Files.writeString(src.resolve("f" + i), "file " + i);
        }
        for (var e : extra.entrySet()) {
            Files.write(src.resolve(e.getKey()), e.getValue());
        }
        FsRepository from = FsRepository.create(tmp.resolve("from"), Optional.empty());
        return new SmallFilesLayer(from, new DirectoryCommitter(from, ObjectFormat.DEFAULT, 2).commit(src).layer().digest());
    }
}
