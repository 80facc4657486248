package lochat.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The chat page and its assets, read from the server's own jar (the {@code web} resource
 * directory) the first time each is asked for, then kept in memory with an ETag: a hash of its
 * bytes, so that a browser revalidates and gets {@code 304 Not Modified} until the server is
 * upgraded. Nothing comes from anywhere else: the page works on a LAN with no internet.
 *
 * <p>Limits: only flat names ({@code assets/NAME}, no directories) of the types listed in
 * {@link #TYPES}; the files are small and few, and all of them may end up in memory.
 */
final class WebAssets {

  /** An asset: its bytes, media type and entity tag (with its quotes). */
  record Asset(byte[] bytes, String type, String etag) {}

  /** The page's file name under the resource directory. */
  static final String PAGE = "index.html";

  /** What a file's extension says it is, for the {@code Content-Type}. */
  static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=UTF-8",
      "js", "text/javascript; charset=UTF-8",
      "mjs", "text/javascript; charset=UTF-8",
      "css", "text/css; charset=UTF-8",
      "svg", "image/svg+xml",
      "png", "image/png",
      "ico", "image/x-icon",
      "json", "application/json",
      "txt", "text/plain; charset=UTF-8",
      "woff2", "font/woff2");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final String directory;
  /** The assets found so far; names not found are not kept, as clients choose them. */
  private final Map<String, Asset> loaded = new ConcurrentHashMap<>();

  /** @param directory the resource directory, e.g. {@code web} */
  WebAssets(String directory) {
    this.directory = directory;
  }

  /** The chat page. */
  Optional<Asset> page() {
    return asset(PAGE);
  }

  /** The asset called {@code name}, if there is one; names of other shapes have none. */
  Optional<Asset> asset(String name) {
    if (!NAME.matcher(name).matches() || extension(name).isEmpty()) {
      return Optional.empty();
    }
    Asset known = loaded.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Asset> found = load(name);
    found.ifPresent(asset -> loaded.put(name, asset));
    return found;
  }

  private Optional<Asset> load(String name) {
    String path = name.equals(PAGE) ? directory + "/" + PAGE : directory + "/assets/" + name;
    try (InputStream in = WebAssets.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      return Optional.of(new Asset(bytes, extension(name).get(), etag(bytes)));
    } catch (IOException unreadable) {
      throw new UncheckedIOException("Cannot read " + path + " from the jar", unreadable);
    }
  }

  private static Optional<String> extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(name.substring(dot + 1)));
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22)
          + "\"";
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("Every JDK has SHA-256", impossible);
    }
  }
}
