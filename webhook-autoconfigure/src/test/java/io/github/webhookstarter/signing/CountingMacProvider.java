package io.github.webhookstarter.signing;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.Provider;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.MacSpi;

/**
 * A JCA provider, installed first while a test runs, whose HMAC instances delegate to the
 * JDK's and count the HMACs they finish: it tells whether verifying computed any, without
 * timing.
 */
final class CountingMacProvider extends Provider {

	private static final AtomicInteger completed = new AtomicInteger();

	private static final AtomicInteger initialized = new AtomicInteger();

	private CountingMacProvider() {
		super("CountingMac", "1.0", "Counts the HMACs computed");
		for (String algorithm : new String[] { "HmacSHA1", "HmacSHA256", "HmacSHA512" }) {
			putService(new Service(this, "Mac", algorithm, CountingMac.class.getName(), null, null) {

				@Override
				public Object newInstance(Object parameter) {
					return new CountingMac(algorithm);
				}

			});
		}
	}

	/**
	 * Run an action with this provider first, and return how many HMACs it computed.
	 * @param action the action; it must prepare its secrets itself, so that their keys use
	 * this provider
	 * @return the number of HMACs finished, and of HMAC instances initialized with a key
	 */
	static Counts count(Supplier<?> action) {
		CountingMacProvider provider = new CountingMacProvider();
		Security.insertProviderAt(provider, 1);
		try {
			int hmacsBefore = completed.get();
			int initsBefore = initialized.get();
			action.get();
			return new Counts(completed.get() - hmacsBefore, initialized.get() - initsBefore);
		}
		finally {
			Security.removeProvider(provider.getName());
		}
	}

	record Counts(int hmacs, int inits) {
	}

	static final class CountingMac extends MacSpi {

		private final Mac delegate;

		CountingMac(String algorithm) {
			try {
				this.delegate = Mac.getInstance(algorithm, "SunJCE");
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		protected int engineGetMacLength() {
			return this.delegate.getMacLength();
		}

		@Override
		protected void engineInit(Key key, AlgorithmParameterSpec params)
				throws InvalidKeyException, InvalidAlgorithmParameterException {
			initialized.incrementAndGet();
			this.delegate.init(key, params);
		}

		@Override
		protected void engineUpdate(byte input) {
			this.delegate.update(input);
		}

		@Override
		protected void engineUpdate(byte[] input, int offset, int len) {
			this.delegate.update(input, offset, len);
		}

		@Override
		protected void engineUpdate(ByteBuffer input) {
			this.delegate.update(input);
		}

		@Override
		protected byte[] engineDoFinal() {
			completed.incrementAndGet();
			return this.delegate.doFinal();
		}

		@Override
		protected void engineReset() {
			this.delegate.reset();
		}

	}

}
