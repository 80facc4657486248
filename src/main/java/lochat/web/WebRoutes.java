package lochat.web;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import lochat.Lochat;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * What the web listener's HTTP server answers to each request: the chat page and its assets,
 * and the server's own jar. Every answer carries the security headers. The chat's WebSocket is
 * not served here: its handshake opens a connection of its own, which {@link WebConnection}
 * recognises before any request reaches pekko-http ({@link WebSocketHandshake}); a request for
 * {@code /ws} that gets here is told what the address is.
 *
 * <p>Limits: {@code GET} and {@code HEAD} only; no directory listings, no ranges, no
 * compression (the assets are small).
 */
final class WebRoutes {

  /** The page's scripts and styles come from this server alone, never inline, never framed. */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self';"
      + " style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none';"
      + " form-action 'self'; frame-ancestors 'none'";

  static final List<HttpHeader> SECURITY_HEADERS = List.of(
      RawHeader.create("Content-Security-Policy", CONTENT_SECURITY_POLICY),
      RawHeader.create("X-Content-Type-Options", "nosniff"),
      RawHeader.create("Referrer-Policy", "no-referrer"));

  private static final String ASSETS = "/assets/";

  private final WebAssets assets;
  private final Optional<Path> jar;
  private final TrustedOrigins cluster;

  /**
   * @param jar the server's own jar, served at {@code /lochat.jar}, when it runs from one
   * @param cluster the cluster's other pages, whose WebSockets the page may fall back on
   */
  WebRoutes(WebAssets assets, Optional<Path> jar, TrustedOrigins cluster) {
    this.assets = assets;
    this.jar = jar;
    this.cluster = cluster;
  }

  /** {@link #CONTENT_SECURITY_POLICY}, letting the page connect to {@code sockets} too. */
  static String contentSecurityPolicy(List<String> sockets) {
    return CONTENT_SECURITY_POLICY.replace("connect-src 'self';",
        "connect-src 'self'" + sockets.stream().map(socket -> " " + socket)
            .collect(Collectors.joining()) + ";");
  }

  /** The jar this server runs from, if it runs from one (not from an IDE or the tests). */
  static Optional<Path> runningJar() {
    try {
      Path path = Path.of(Lochat.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isRegularFile(path) && path.toString().endsWith(".jar")
          ? Optional.of(path) : Optional.empty();
    } catch (URISyntaxException | SecurityException | NullPointerException unknown) {
      return Optional.empty();
    }
  }

  CompletionStage<HttpResponse> handle(HttpRequest request) {
    String path = request.getUri().path();
    if (path.equals(WebSocketHandshake.PATH)) {
      return answer(text(StatusCodes.BAD_REQUEST, "This address is the chat's WebSocket, which"
          + " opens a connection of its own; open / in a browser"));
    }
    // HEAD is answered as GET: pekko-http never sends the body of an answer to HEAD.
    if (!request.method().equals(HttpMethods.GET) && !request.method().equals(HttpMethods.HEAD)) {
      return answer(text(StatusCodes.METHOD_NOT_ALLOWED, "Only GET and HEAD are served here")
          .addHeader(RawHeader.create("Allow", "GET, HEAD")));
    }
    if (path.equals("/") || path.equals("/" + WebAssets.PAGE)) {
      return answer(asset(request, assets.page()));
    }
    if (path.startsWith(ASSETS)) {
      return answer(asset(request, assets.asset(path.substring(ASSETS.length()))));
    }
    if (path.equals("/lochat.jar")) {
      return answer(jar.map(WebRoutes::jarDownload).orElseGet(() -> text(StatusCodes.NOT_FOUND,
          "This server does not run from a jar, so it has none to give; build one with"
              + " mvn package")));
    }
    return answer(text(StatusCodes.NOT_FOUND, "Nothing here; the chat is at /"));
  }

  private static HttpResponse asset(HttpRequest request, Optional<WebAssets.Asset> found) {
    if (found.isEmpty()) {
      return text(StatusCodes.NOT_FOUND, "No such file");
    }
    WebAssets.Asset asset = found.get();
    HttpHeader etag = RawHeader.create("ETag", asset.etag());
    HttpHeader cache = RawHeader.create("Cache-Control", "no-cache");
    boolean unchanged = request.getHeader("If-None-Match").map(HttpHeader::value)
        .filter(tags -> List.of(tags.split("\\s*,\\s*")).contains(asset.etag())).isPresent();
    if (unchanged) {
      return HttpResponse.create().withStatus(StatusCodes.NOT_MODIFIED).addHeader(etag)
          .addHeader(cache);
    }
    return HttpResponse.create()
        .withEntity(HttpEntities.create(contentType(asset.type()), asset.bytes()))
        .addHeader(etag).addHeader(cache);
  }

  private static ContentType contentType(String type) {
    return ContentTypes.parse(type);
  }

  private static HttpResponse jarDownload(Path jar) {
    return HttpResponse.create()
        .withEntity(HttpEntities.create(ContentTypes.parse("application/java-archive"), jar))
        .addHeader(RawHeader.create("Content-Disposition", "attachment; filename=lochat.jar"));
  }

  private static HttpResponse text(StatusCode status, String text) {
    return HttpResponse.create().withStatus(status)
        .withEntity(ContentTypes.TEXT_PLAIN_UTF8, text + "\n");
  }

  private CompletionStage<HttpResponse> answer(HttpResponse response) {
    return CompletableFuture.completedFuture(secured(response));
  }

  private HttpResponse secured(HttpResponse response) {
    List<String> sockets = cluster.sockets();
    return sockets.isEmpty() ? response.addHeaders(SECURITY_HEADERS)
        : response.addHeaders(List.of(
            RawHeader.create("Content-Security-Policy", contentSecurityPolicy(sockets)),
            SECURITY_HEADERS.get(1), SECURITY_HEADERS.get(2)));
  }
}
