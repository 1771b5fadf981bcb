package spk.grammar.build;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import spk.grammar.ident.Component;
import spk.grammar.name.PkgName;
import spk.grammar.option.OptionMap;

/**
 * The build digest of a variant: SHA-1 over every resolved option ({@code name=value\0}, in
 * name order), then every pkg option that names components, sorted by package
 * ({@code pkg=comp,comp,\1}); the first 8 characters of its base32 form.
 */
public final class BuildDigest {
    private BuildDigest() {}

    public static Build.Digest compute(OptionMap resolvedOptions, Map<PkgName, Set<Component>> pkgOptionComponents) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-1", e);
        }
        for (Map.Entry<String, String> e : resolvedOptions.entries().entrySet()) {
            sha1.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            sha1.update((byte) '=');
            sha1.update(e.getValue().getBytes(StandardCharsets.UTF_8));
            sha1.update((byte) 0);
        }
        for (PkgName pkg : new TreeSet<>(pkgOptionComponents.keySet())) {
            Set<Component> components = pkgOptionComponents.get(pkg);
            if (components.isEmpty()) {
                continue;
            }
            sha1.update(pkg.value().getBytes(StandardCharsets.UTF_8));
            sha1.update((byte) '=');
            for (Component c : new TreeSet<>(components)) {
                sha1.update(c.name().getBytes(StandardCharsets.UTF_8));
                sha1.update((byte) ',');
            }
            sha1.update((byte) 1);
        }
        return new Build.Digest(Base32.encodeNoPad(sha1.digest()).substring(0, 8));
    }
}
