package spfs.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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
    private static final JsonFactory STREAMING = new JsonFactory();
    /** chrono's RFC 3339 form of a local time: nanoseconds and a numeric offset. */
    private static final String TIME_PATTERN = "uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx";

    private RuntimeCodec() {}

    /** Made on first read only: writing a record needs no databind. */
    private static final class Reading {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    /**
     * The record as JSON. Written with jackson-core's streaming generator: {@code spfs run} stores
     * a record on its way to the command, and databind's serialisers would cost it start-up time.
     */
    public static String encode(RuntimeData rt) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = STREAMING.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("name", rt.name());
            g.writeObjectFieldStart("author");
            g.writeStringField("user_name", rt.author().userName());
            g.writeStringField("host_name", rt.author().hostName());
            g.writeStringField("created", created(rt.author().created()));
            g.writeEndObject();
            Status s = rt.status();
            g.writeObjectFieldStart("status");
            writeStrings(g, "stack", s.topDown().stream().map(Digest::toString).toList());
            if (!s.flattenedLayers().isEmpty()) {
                writeStrings(g, "flattened_layers", s.flattenedLayers().stream().map(Digest::toString).toList());
            }
            g.writeBooleanField("editable", s.editable());
            g.writeBooleanField("running", s.running());
            writeOptional(g, "owner", s.owner());
            writeOptional(g, "monitor", s.monitor());
            writeStrings(g, "command", s.command());
            g.writeEndObject();
            RuntimeConfig c = rt.config();
            g.writeObjectFieldStart("config");
            g.writeStringField("runtime_dir", c.runtimeDir().toString());
            g.writeStringField("tmpfs_size", c.tmpfsSize().orElse(null));
            g.writeStringField("upper_dir", c.upperDir().toString());
            g.writeStringField("lower_dir", c.lowerDir().toString());
            g.writeStringField("work_dir", c.workDir().toString());
            g.writeStringField("ps_startup_file", "/tmp/startup.ps1");
            g.writeStringField("sh_startup_file", c.shStartupFile().toString());
            g.writeStringField("csh_startup_file", c.cshStartupFile().toString());
            g.writeStringField("csh_expect_file", "/dev/null");
            g.writeStringField("mount_namespace", c.mountNamespace().orElse(null));
            if (!(c.mountBackend() instanceof MountBackend.OverlayFsWithRenders)) {
                g.writeStringField("mount_backend", c.mountBackend().name());
            }
            if (!c.secondaryRepositories().isEmpty()) {
                writeStrings(g, "secondary_repositories", c.secondaryRepositories());
            }
            g.writeBooleanField("include_secondary_tags", c.includeSecondaryTags());
            g.writeBooleanField("durable", c.durable());
            if (!c.liveLayers().isEmpty()) {
                g.writeArrayFieldStart("live_layers");
                for (LiveLayer l : c.liveLayers()) {
                    g.writeStartObject();
                    g.writeStringField("api", l.api());
                    g.writeArrayFieldStart("contents");
                    for (BindMount b : l.contents()) {
                        g.writeStartObject();
                        g.writeStringField("src", b.src().toString());
                        g.writeStringField("dest", b.dest());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writeOptional(JsonGenerator g, String field, Optional<Long> v) throws IOException {
        if (v.isPresent()) {
            g.writeNumberField(field, v.get());
        } else {
            g.writeNullField(field);
        }
    }

    public static RuntimeData decode(String json) {
        try {
            JsonNode root = Reading.JSON.readTree(json);
            JsonNode a = root.path("author");
            Author author = new Author(a.path("user_name").asText(), a.path("host_name").asText(),
                    created(a.path("created").asText()));
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

    /** As {@link #TIME_PATTERN} prints it; by hand where the offset is whole minutes (java.time's formatter costs a cold JVM milliseconds). */
    static String created(OffsetDateTime t) {
        StringBuilder b = new StringBuilder(35);
        int offset = t.getOffset().getTotalSeconds();
        if (offset % 60 != 0 || !spfs.tag.Rfc3339.appendDateTime(b, t)) {
            return DateTimeFormatter.ofPattern(TIME_PATTERN).format(t);
        }
        spfs.tag.Rfc3339.pad(b.append('.'), t.getNano(), 9).append(offset < 0 ? '-' : '+');
        int minutes = Math.abs(offset) / 60;
        return spfs.tag.Rfc3339.pad(spfs.tag.Rfc3339.pad(b, minutes / 60, 2).append(':'), minutes % 60, 2).toString();
    }

    /** A creation time as stored: ISO 8601 with an offset. */
    static OffsetDateTime created(String text) {
        return spfs.tag.Rfc3339.parse(text).orElseGet(() -> OffsetDateTime.parse(text));
    }
}
