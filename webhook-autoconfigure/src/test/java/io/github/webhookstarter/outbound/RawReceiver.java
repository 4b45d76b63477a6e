package io.github.webhookstarter.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver on a raw {@link ServerSocket} that misbehaves as no HTTP server library lets one:
 * it reads each request whole, then hands the connection to a {@link Behaviour} that may hang,
 * reset the connection or stream a body without end.
 */
final class RawReceiver implements AutoCloseable {

	private final ServerSocket server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Socket> connections = new CopyOnWriteArrayList<>();

	private final AtomicInteger requests = new AtomicInteger();

	private final Behaviour behaviour;

	private RawReceiver(Behaviour behaviour) throws IOException {
		this.behaviour = behaviour;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.executor.execute(this::accept);
	}

	static RawReceiver start(Behaviour behaviour) {
		try {
			return new RawReceiver(behaviour);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getLocalPort() + path;
	}

	/**
	 * Return the number of requests read whole so far.
	 */
	int requests() {
		return this.requests.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket socket = this.server.accept();
				this.connections.add(socket);
				this.executor.execute(() -> serve(socket));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serve(Socket socket) {
		try (socket) {
			InputStream in = socket.getInputStream();
			while (readRequest(in)) {
				this.requests.incrementAndGet();
				this.behaviour.answer(socket, socket.getOutputStream());
			}
		}
		catch (IOException | InterruptedException ex) {
			// the client went away, or the receiver is closed
		}
		finally {
			this.connections.remove(socket);
		}
	}

	// the head up to its blank line, then as many bytes as its Content-Length says
	private static boolean readRequest(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		byte[] end = { '\r', '\n', '\r', '\n' };
		while (matched < end.length) {
			int next = in.read();
			if (next == -1) {
				return false;
			}
			head.write(next);
			matched = (next == end[matched]) ? matched + 1 : ((next == '\r') ? 1 : 0);
		}
		long length = 0;
		for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Long.parseLong(line.substring("content-length:".length()).trim());
			}
		}
		in.skipNBytes(length);
		return true;
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		this.connections.forEach(RawReceiver::closeQuietly);
		this.executor.shutdownNow();
	}

	static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * What the receiver does once it has read a request.
	 */
	@FunctionalInterface
	interface Behaviour {

		void answer(Socket socket, OutputStream out) throws IOException, InterruptedException;

	}

	/**
	 * Write some bytes, then reset the connection: with a zero linger time, closing the socket
	 * sends a TCP RST rather than a FIN.
	 * @param written what is written before the reset
	 * @return the behaviour
	 */
	static Behaviour resetAfter(String written) {
		return (socket, out) -> {
			out.write(written.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			// the client reads what was written before the reset comes, which may discard it
			Thread.sleep(200);
			socket.setSoLinger(true, 0);
			socket.close();
		};
	}

	/**
	 * Never answer, and keep the connection open until the client closes it.
	 * @return the behaviour
	 */
	static Behaviour hang() {
		return (socket, out) -> {
			while (socket.getInputStream().read() != -1) {
				// waiting for the client to give up
			}
			throw new IOException("closed by the client");
		};
	}

}
