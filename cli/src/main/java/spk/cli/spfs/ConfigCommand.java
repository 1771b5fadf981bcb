package spk.cli.spfs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import spfs.config.Config;

/** {@code spfs config}: the effective configuration as JSON. */
@Command(name = "config", description = "Print the effective configuration as JSON.")
public final class ConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SpfsContext ctx = SpfsContext.of(spec);
        Config c = ctx.config();
        Map<String, Object> storage = new LinkedHashMap<>();
        storage.put("root", c.storageRoot().toString());
        storage.put("tag_namespace", c.tagNamespace().orElse(null));
        storage.put("digest_strategy", c.newObjects().strategy() == spfs.graph.DigestStrategy.LEGACY ? "Legacy" : "WithKindAndSalt");
        storage.put("encoding_format", c.newObjects().encoding() == spfs.graph.EncodingFormat.LEGACY ? "Legacy" : "FlatBuffers");
        storage.put("allow_payload_sharing_between_users", c.allowPayloadSharingBetweenUsers());
        Map<String, Object> remotes = new LinkedHashMap<>();
        c.remotes().forEach((k, v) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("address", v.address());
            v.tagNamespace().ifPresent(ns -> r.put("tag_namespace", ns));
            remotes.put(k, r);
        });
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("user", Map.of("name", c.userName(), "domain", c.userDomain()));
        root.put("storage", storage);
        root.put("remote", remotes);
        root.put("filesystem", Map.of("annotation_size_limit", c.annotationSizeLimit()));
        ctx.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        ctx.out().flush();
        return 0;
    }
}
