package spk.builder.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The SPDX license identifiers (current and deprecated) a {@code meta.license} may name. */
final class SpdxLicenses {
    private static final Set<String> IDS = load();

    private SpdxLicenses() {}

    static boolean isValid(String id) {
        return IDS.contains(id);
    }

    private static Set<String> load() {
        Set<String> out = new HashSet<>();
        try (InputStream in = SpdxLicenses.class.getResourceAsStream("/spk/builder/spdx-license-ids.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null;) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
