package lochat.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for test clients: a context that trusts whatever certificate the server shows (the
 * server's is self-signed) and remembers it, so that a test can check which one it was, and
 * sockets connected and handshaken on 127.0.0.1.
 */
public final class TestTls {

  /** The certificates servers presented, latest last. */
  public final List<X509Certificate> presented = new CopyOnWriteArrayList<>();
  public final SSLContext context;

  public TestTls() {
    try {
      context = SSLContext.getInstance("TLS");
      context.init(null, new javax.net.ssl.TrustManager[] {new Recording()}, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS socket to 127.0.0.1:{@code port} whose handshake is done. */
  public SSLSocket connect(int port) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    SSLSocket socket = (SSLSocket) context.getSocketFactory()
        .createSocket(plain, "127.0.0.1", port, true);
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    socket.setSoTimeout(0);
    return socket;
  }

  private final class Recording extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      presented.add(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
      presented.add(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      presented.add(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
