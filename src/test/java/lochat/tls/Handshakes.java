package lochat.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS handshakes for tests between a JDK client that trusts any certificate and a server socket
 * on 127.0.0.1 port 0, with the parameters of a {@link TlsPolicy} engine or of the context's
 * defaults; the client reads one byte the server sends after its handshake, so that both ends
 * have finished (or failed) when a {@link Result} is returned.
 */
final class Handshakes {

  static final int TIMEOUT_MILLIS = 20_000;

  /**
   * How a handshake went: the client's session, or why the client failed; and the server's
   * protocol, or why it failed (a {@link RuntimeException} around it).
   */
  record Result(SSLSession client, IOException clientFailure, CompletableFuture<String> server) {

    /** The server's failure, unwrapped; null when it succeeded. */
    Throwable serverFailure() {
      if (!server.isDone()) {
        return new TimeoutException("the server's handshake did not end");
      }
      try {
        server.getNow(null);
        return null;
      } catch (CompletionException e) {
        return e.getCause().getCause() != null ? e.getCause().getCause() : e.getCause();
      }
    }
  }

  private Handshakes() {}

  /** A handshake against a server whose sockets have {@link TlsPolicy}'s parameters. */
  static Result withPolicy(SSLContext server, Consumer<SSLSocket> client) throws Exception {
    return handshake(server, TlsPolicy.serverEngine(server), client);
  }

  /** A handshake against a server with the JDK's default parameters. */
  static Result withoutPolicy(SSLContext server, Consumer<SSLSocket> client) throws Exception {
    SSLEngine engine = server.createSSLEngine();
    engine.setUseClientMode(false);
    return handshake(server, engine, client);
  }

  private static Result handshake(SSLContext server, SSLEngine parameters,
      Consumer<SSLSocket> clientSetup) throws Exception {
    try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listener.setSSLParameters(parameters.getSSLParameters());
      listener.setSoTimeout(TIMEOUT_MILLIS);
      CompletableFuture<String> serverSide = CompletableFuture.supplyAsync(() -> {
        try (SSLSocket accepted = (SSLSocket) listener.accept()) {
          accepted.setSoTimeout(TIMEOUT_MILLIS);
          accepted.startHandshake();
          accepted.getOutputStream().write('!');
          accepted.getOutputStream().flush();
          return accepted.getSession().getProtocol();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      SSLSession session = null;
      IOException failure = null;
      try (SSLSocket socket = (SSLSocket) trustAll().getSocketFactory()
          .createSocket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        socket.setSoTimeout(TIMEOUT_MILLIS);
        clientSetup.accept(socket);
        socket.startHandshake();
        if (socket.getInputStream().read() != '!') {
          throw new IllegalStateException("the server did not answer after its handshake");
        }
        session = socket.getSession();
      } catch (IOException e) {
        failure = e;
      }
      return new Result(session, failure, settled(serverSide));
    }
  }

  private static CompletableFuture<String> settled(CompletableFuture<String> server)
      throws InterruptedException {
    try {
      server.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The test looks at how it ended.
    }
    return server;
  }

  /** A client context that accepts any server certificate: these tests check the server. */
  static SSLContext trustAll() throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustAll()}, null);
    return context;
  }

  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override public void checkClientTrusted(X509Certificate[] chain, String type, Socket s) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String type, Socket s) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String type, SSLEngine e) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String type, SSLEngine e) {}
    @Override public void checkClientTrusted(X509Certificate[] chain, String type) {}
    @Override public void checkServerTrusted(X509Certificate[] chain, String type) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
