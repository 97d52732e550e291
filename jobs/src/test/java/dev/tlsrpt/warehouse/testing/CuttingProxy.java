package dev.tlsrpt.warehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on 127.0.0.1 that drops the connection after the server has sent a given number of
 * bytes: a server or network failing in the middle of a transfer, for real (the client sees its
 * socket closed mid-response).
 */
public final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int targetPort;
  private final long cutAfter;
  private final AtomicLong relayed = new AtomicLong();

  public CuttingProxy(int targetPort, long cutAfterServerBytes) throws IOException {
    this.listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    this.targetPort = targetPort;
    this.cutAfter = cutAfterServerBytes;
    Thread accept = new Thread(this::acceptLoop, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Bytes relayed from the server so far (over all connections). */
  public long relayed() {
    return relayed.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromServer) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[4096];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                  if (fromServer && relayed.addAndGet(n) > cutAfter) {
                    break; // the cut: both sides closed below
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the other direction closed the sockets
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
