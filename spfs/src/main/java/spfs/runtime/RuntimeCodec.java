package spfs.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import spfs.encoding.Digest;
import spfs.error.SpfsException;
import spfs.mount.MountBackend;

/**
 * Runtime records as JSON with spfs's (serde) field names, so the two can read each other's
 * records: digests as base32 text, the stack top first, {@code mount_backend} omitted for the
 * default, {@code flattened_layers} and {@code live_layers} omitted when empty.
 */
public final class RuntimeCodec {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** chrono's RFC 3339 form of a local time: nanoseconds and a numeric offset. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

    private RuntimeCodec() {}

    public static String encode(RuntimeData rt) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", rt.name());
        ObjectNode author = root.putObject("author");
        author.put("user_name", rt.author().userName());
        author.put("host_name", rt.author().hostName());
        author.put("created", TIME.format(rt.author().created()));
        Status s = rt.status();
        ObjectNode status = root.putObject("status");
        ArrayNode stack = status.putArray("stack");
        s.topDown().forEach(d -> stack.add(d.toString()));
        if (!s.flattenedLayers().isEmpty()) {
            ArrayNode f = status.putArray("flattened_layers");
            s.flattenedLayers().forEach(d -> f.add(d.toString()));
        }
        status.put("editable", s.editable());
        status.put("running", s.running());
        putOptional(status, "owner", s.owner());
        putOptional(status, "monitor", s.monitor());
        ArrayNode cmd = status.putArray("command");
        s.command().forEach(cmd::add);
        RuntimeConfig c = rt.config();
        ObjectNode config = root.putObject("config");
        config.put("runtime_dir", c.runtimeDir().toString());
        if (c.tmpfsSize().isPresent()) {
            config.put("tmpfs_size", c.tmpfsSize().get());
        } else {
            config.putNull("tmpfs_size");
        }
        config.put("upper_dir", c.upperDir().toString());
        config.put("lower_dir", c.lowerDir().toString());
        config.put("work_dir", c.workDir().toString());
        config.put("ps_startup_file", "/tmp/startup.ps1");
        config.put("sh_startup_file", c.shStartupFile().toString());
        config.put("csh_startup_file", c.cshStartupFile().toString());
        config.put("csh_expect_file", "/dev/null");
        if (c.mountNamespace().isPresent()) {
            config.put("mount_namespace", c.mountNamespace().get());
        } else {
            config.putNull("mount_namespace");
        }
        if (!(c.mountBackend() instanceof MountBackend.OverlayFsWithRenders)) {
            config.put("mount_backend", c.mountBackend().name());
        }
        if (!c.secondaryRepositories().isEmpty()) {
            ArrayNode sec = config.putArray("secondary_repositories");
            c.secondaryRepositories().forEach(sec::add);
        }
        config.put("include_secondary_tags", c.includeSecondaryTags());
        config.put("durable", c.durable());
        if (!c.liveLayers().isEmpty()) {
            ArrayNode live = config.putArray("live_layers");
            for (LiveLayer l : c.liveLayers()) {
                ObjectNode ln = live.addObject();
                ln.put("api", l.api());
                ArrayNode contents = ln.putArray("contents");
                for (BindMount b : l.contents()) {
                    contents.addObject().put("src", b.src().toString()).put("dest", b.dest());
                }
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putOptional(ObjectNode n, String key, Optional<Long> v) {
        if (v.isPresent()) {
            n.put(key, v.get());
        } else {
            n.putNull(key);
        }
    }

    public static RuntimeData decode(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            JsonNode a = root.path("author");
            Author author = new Author(a.path("user_name").asText(), a.path("host_name").asText(),
                    OffsetDateTime.parse(a.path("created").asText()));
            JsonNode s = root.path("status");
            List<Digest> topDown = digests(s.path("stack"));
            List<Digest> stack = new ArrayList<>(topDown);
            java.util.Collections.reverse(stack);
            Set<Digest> flattened = new LinkedHashSet<>(digests(s.path("flattened_layers")));
            List<String> command = new ArrayList<>();
            s.path("command").forEach(n -> command.add(n.asText()));
            Status status = new Status(stack, flattened, s.path("editable").asBoolean(), s.path("running").asBoolean(),
                    optionalLong(s.path("owner")), optionalLong(s.path("monitor")), command);
            JsonNode c = root.path("config");
            Path runtimeDir = Path.of(c.path("runtime_dir").asText(RuntimeConfig.RUNTIME_DIR.toString()));
            List<String> secondary = new ArrayList<>();
            c.path("secondary_repositories").forEach(n -> secondary.add(n.asText()));
            List<LiveLayer> live = new ArrayList<>();
            for (JsonNode ln : c.path("live_layers")) {
                List<BindMount> binds = new ArrayList<>();
                for (JsonNode b : ln.path("contents")) {
                    String src = b.has("src") ? b.path("src").asText() : b.path("bind").asText();
                    binds.add(new BindMount(Path.of(src), b.path("dest").asText()));
                }
                live.add(new LiveLayer(ln.path("api").asText(LiveLayer.API), binds));
            }
            RuntimeConfig config = new RuntimeConfig(runtimeDir, optionalText(c.path("tmpfs_size")),
                    Path.of(c.path("upper_dir").asText()), Path.of(c.path("lower_dir").asText()),
                    Path.of(c.path("work_dir").asText()), Path.of(c.path("sh_startup_file").asText()),
                    Path.of(c.path("csh_startup_file").asText()), optionalText(c.path("mount_namespace")),
                    c.hasNonNull("mount_backend") ? MountBackend.parse(c.path("mount_backend").asText()) : MountBackend.RENDERS,
                    secondary, c.path("include_secondary_tags").asBoolean(true), c.path("durable").asBoolean(false), live);
            return new RuntimeData(root.path("name").asText(), author, status, config);
        } catch (JsonProcessingException | RuntimeException e) {
            throw SpfsException.environment("corrupt-runtime", "cannot read a runtime record: " + spfs.error.IoMessages.describe(e), e);
        }
    }

    private static List<Digest> digests(JsonNode arr) {
        List<Digest> out = new ArrayList<>();
        arr.forEach(n -> out.add(Digest.parse(n.asText())));
        return out;
    }

    private static Optional<Long> optionalLong(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? Optional.empty() : Optional.of(n.asLong());
    }

    private static Optional<String> optionalText(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? Optional.empty() : Optional.of(n.asText());
    }
}
