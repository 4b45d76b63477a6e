package io.github.webhookstarter.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy in front of a database server, which can make it look restarted without touching
 * the server, which other tests share: {@link #cut()} resets every proxied connection and stops
 * listening, so that new connections are refused, and {@link #restore()} listens again on the
 * same port.
 */
final class TcpProxy implements AutoCloseable {

	private static final Pattern HOST_AND_PORT = Pattern.compile("^(jdbc:[a-z]+://)([^/:]+)(?::(\\d+))?(/.*)$");

	private final InetSocketAddress target;

	private final int port;

	private final ExecutorService executor = Executors.newCachedThreadPool((runnable) -> {
		Thread thread = new Thread(runnable, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accepted = new AtomicInteger();

	private volatile ServerSocket server;

	private TcpProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = listen(0);
		this.port = this.server.getLocalPort();
		this.executor.execute(() -> accept(this.server));
	}

	/**
	 * Start a proxy to the server of a JDBC URL of the form {@code jdbc:driver://host:port/...}.
	 * @param url the URL of the database
	 * @param defaultPort the port when the URL names none
	 * @return the proxy
	 */
	static TcpProxy to(String url, int defaultPort) {
		Matcher matcher = matcher(url);
		int port = (matcher.group(3) != null) ? Integer.parseInt(matcher.group(3)) : defaultPort;
		try {
			return new TcpProxy(new InetSocketAddress(matcher.group(2), port));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the URL, with the proxy in place of the server.
	 * @param url the URL of the database
	 * @return the URL through this proxy
	 */
	String url(String url) {
		Matcher matcher = matcher(url);
		return matcher.group(1) + "127.0.0.1:" + this.port + matcher.group(4);
	}

	private static Matcher matcher(String url) {
		Matcher matcher = HOST_AND_PORT.matcher(url);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("No host in " + url);
		}
		return matcher;
	}

	/**
	 * Return the number of connections accepted so far.
	 */
	int accepted() {
		return this.accepted.get();
	}

	/**
	 * Reset every connection, as a server that goes down does, and refuse new ones.
	 */
	void cut() {
		closeQuietly(this.server);
		for (Socket socket : this.sockets) {
			reset(socket);
		}
	}

	/**
	 * Accept connections again, on the same port.
	 */
	void restore() {
		try {
			this.server = listen(this.port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ServerSocket server = this.server;
		this.executor.execute(() -> accept(server));
	}

	private static ServerSocket listen(int port) throws IOException {
		ServerSocket server = new ServerSocket();
		server.setReuseAddress(true);
		server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
		return server;
	}

	private void accept(ServerSocket server) {
		while (!server.isClosed()) {
			try {
				Socket client = server.accept();
				this.accepted.incrementAndGet();
				Socket upstream = new Socket();
				this.sockets.add(client);
				this.sockets.add(upstream);
				this.executor.execute(() -> {
					try {
						upstream.connect(this.target, 5000);
						this.executor.execute(() -> pump(upstream, client));
						pump(client, upstream);
					}
					catch (IOException ex) {
						reset(client);
						reset(upstream);
					}
				});
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// reset, or closed by the other side
		}
		finally {
			reset(from);
			reset(to);
		}
	}

	// with a zero linger time, closing sends a TCP RST: the peer sees the connection reset
	private void reset(Socket socket) {
		this.sockets.remove(socket);
		try {
			socket.setSoLinger(true, 0);
		}
		catch (SocketException ex) {
			// closed already
		}
		closeQuietly(socket);
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// closing anyway
		}
	}

	@Override
	public void close() {
		cut();
		this.executor.shutdownNow();
	}

}
