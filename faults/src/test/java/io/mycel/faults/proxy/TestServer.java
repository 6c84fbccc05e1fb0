package io.mycel.faults.proxy;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** An upstream for the proxy's tests: echoes, counts bytes, or collects Mycel frames, a thread per connection. */
final class TestServer implements AutoCloseable {

    enum Kind { ECHO, COUNT, FRAMES, BLAST }

    /** What a BLAST server sends each connection before it closes it. */
    static final int BLAST_BYTES = 3 << 20;

    private final ServerSocket socket;
    private final Kind kind;
    final AtomicLong bytes = new AtomicLong();
    /** Frames received, in order, per connection (FRAMES). */
    final List<List<byte[]>> frames = new CopyOnWriteArrayList<>();
    /** Where each connection came from (its remote address). */
    final List<InetAddress> peers = new CopyOnWriteArrayList<>();

    TestServer(Kind kind) throws IOException {
        this.kind = kind;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptAll, "test-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                peers.add(s.getInetAddress());
                Thread t = new Thread(() -> serve(s), "test-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            if (kind == Kind.BLAST) {
                byte[] block = new byte[64 << 10];
                for (int sent = 0; sent < BLAST_BYTES; sent += block.length) {
                    java.util.Arrays.fill(block, (byte) (sent / block.length));
                    out.write(block);
                }
                out.flush();
                return;
            }
            if (kind == Kind.FRAMES) {
                List<byte[]> mine = new CopyOnWriteArrayList<>();
                frames.add(mine);
                DataInputStream data = new DataInputStream(in);
                while (true) {
                    int length;
                    try {
                        length = data.readInt();
                    } catch (EOFException end) {
                        return;
                    }
                    byte[] frame = new byte[length];
                    data.readFully(frame);
                    mine.add(frame);
                }
            }
            byte[] buffer = new byte[16 << 10];
            int n;
            while ((n = in.read(buffer)) > 0) {
                bytes.addAndGet(n);
                if (kind == Kind.ECHO) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException ended) {
            // the proxy closed or reset the connection
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
