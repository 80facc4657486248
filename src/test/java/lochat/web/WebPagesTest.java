package lochat.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import lochat.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the web listener serves over plain HTTP, as a browser fetches it: the page and its
 * assets from the jar, with the security headers and revalidation by ETag, and clear answers
 * to everything else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebPagesTest {

  private static TestServer server;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.webPort() + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageIsServedWithAPolicyThatAllowsNoInlineScript() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"),
        policy);
    assertTrue(policy.contains("frame-ancestors 'none'"), policy);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertTrue(page.body().contains("<script type=\"module\""), "the page loads its modules");
    assertTrue(!page.body().contains("<script>"), "no inline script");
  }

  @Test
  void assetsCarryAnETagAndAreRevalidated() throws Exception {
    String script = get("/").body().replaceAll("(?s).*<script type=\"module\" src=\"([^\"]+)\".*",
        "$1");
    HttpResponse<String> first = get(script);
    assertEquals(200, first.statusCode(), script);
    assertTrue(first.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    String etag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = get(script, "If-None-Match", etag);
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    assertEquals(200, get(script, "If-None-Match", "\"stale\"").statusCode());
  }

  @Test
  void everythingElseGetsAClearAnswer() throws Exception {
    assertEquals(404, get("/nothing").statusCode());
    assertEquals(404, get("/assets/../application.conf").statusCode());
    assertEquals(404, get("/assets/nosuch.js").statusCode());
    HttpResponse<String> jar = get("/lochat.jar");
    assertEquals(404, jar.statusCode(), "the tests run from classes, not a jar");
    assertTrue(jar.body().contains("jar"), jar.body());
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.webPort() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
  }
}
