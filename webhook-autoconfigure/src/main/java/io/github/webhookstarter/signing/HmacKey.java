package io.github.webhookstarter.signing;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReferenceArray;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC key prepared once for a {@link Secret}: its key bytes derived from the secret's value,
 * and {@link Mac} instances initialized with them, kept for reuse between calls. Looking up and
 * initializing a {@code Mac} costs about as much as the HMAC of a kilobyte, and derives the key
 * schedule again each time.
 * <p>
 * The instances are pooled rather than kept per thread: on virtual threads, one per request, a
 * thread-local one would be initialized for every call. The pool holds as many as there can be
 * concurrent callers on the processors; a caller that finds it empty initializes another, and
 * one that finds it full drops the instance it returns.
 * <p>
 * Thread-safe. Like {@link Secret}, it never shows the key in {@link #toString()}.
 *
 * @author Webhook Starter team
 */
final class HmacKey {

	private static final int POOL_SIZE = Math.max(2, Math.min(2 * Runtime.getRuntime().availableProcessors(), 16));

	private final String algorithm;

	private final SecretKeySpec key;

	private final AtomicReferenceArray<Mac> pool = new AtomicReferenceArray<>(POOL_SIZE);

	/**
	 * Create a key.
	 * @param algorithm the JCA name of the HMAC algorithm, such as {@code HmacSHA256}
	 * @param key the key bytes
	 */
	HmacKey(String algorithm, byte[] key) {
		this.algorithm = algorithm;
		this.key = new SecretKeySpec(key, algorithm);
		// fails fast on an unknown algorithm, and leaves an instance ready for the first call
		release(newMac());
	}

	/**
	 * Return the algorithm of this key.
	 * @return the JCA name of the algorithm
	 */
	String algorithm() {
		return this.algorithm;
	}

	/**
	 * Compute the HMAC of the concatenation of the given parts, fed one by one so that the body
	 * is never copied.
	 * @param parts the parts of the signed content, in order
	 * @return the HMAC
	 */
	byte[] hmac(byte[]... parts) {
		Mac mac = acquire();
		for (byte[] part : parts) {
			mac.update(part);
		}
		// doFinal leaves the instance initialized with the key, ready for the next use
		byte[] result = mac.doFinal();
		release(mac);
		return result;
	}

	private Mac acquire() {
		for (int i = 0; i < POOL_SIZE; i++) {
			Mac mac = this.pool.get(i);
			if (mac != null && this.pool.compareAndSet(i, mac, null)) {
				return mac;
			}
		}
		return newMac();
	}

	private void release(Mac mac) {
		for (int i = 0; i < POOL_SIZE; i++) {
			if (this.pool.get(i) == null && this.pool.compareAndSet(i, null, mac)) {
				return;
			}
		}
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(this.algorithm);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Unable to compute " + this.algorithm, ex);
		}
	}

	@Override
	public String toString() {
		return this.algorithm + " key ******";
	}

}
