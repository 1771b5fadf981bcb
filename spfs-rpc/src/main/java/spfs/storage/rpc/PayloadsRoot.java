package spfs.storage.rpc;

import java.net.URI;
import spfs.encoding.Digest;
import spfs.error.SpfsException;

/**
 * The URL clients reach the server's HTTP side at ({@code --payloads-root}): uploads are posted
 * to it, and payload {@code D} is downloaded from {@code <root>/D}.
 */
public record PayloadsRoot(URI uri) {
    public PayloadsRoot {
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            throw SpfsException.badInput("invalid-payloads-root", "the payloads root must be an http:// URL with a host, not '"
                    + uri + "'");
        }
    }

    public static PayloadsRoot parse(String text) {
        try {
            return new PayloadsRoot(new URI(text));
        } catch (java.net.URISyntaxException e) {
            throw SpfsException.badInput("invalid-payloads-root", "invalid payloads root '" + text + "': " + e.getReason());
        }
    }

    String uploadUrl() {
        return uri.toString();
    }

    String downloadUrl(Digest d) {
        String base = uri.toString();
        return (base.endsWith("/") ? base : base + "/") + d;
    }
}
