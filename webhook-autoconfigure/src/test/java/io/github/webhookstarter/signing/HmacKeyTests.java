package io.github.webhookstarter.signing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link HmacKey} and the keys that {@link Secret} prepares.
 */
class HmacKeyTests {

	private static final byte[] KEY = "Jefe".getBytes(StandardCharsets.UTF_8);

	@Test
	void hmacOfPartsIsHmacOfTheirConcatenation() {
		HmacKey key = new HmacKey("HmacSHA256", KEY);
		byte[] expected = ReferenceHmac.compute("HmacSHA256", KEY, ReferenceHmac.utf8("what do ya want for nothing?"));
		assertThat(key.hmac(ReferenceHmac.utf8("what do ya "), ReferenceHmac.utf8("want for nothing?")))
			.isEqualTo(expected);
		// the instance reused for the next call starts afresh
		assertThat(key.hmac(ReferenceHmac.utf8("what do ya want for nothing?"))).isEqualTo(expected);
	}

	@Test
	void concurrentCallsEachGetTheirOwnHmac() throws Exception {
		HmacKey key = new HmacKey("HmacSHA256", KEY);
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int task = 0; task < 8; task++) {
				byte[] message = ReferenceHmac.utf8("message " + task);
				byte[] expected = ReferenceHmac.compute("HmacSHA256", KEY, message);
				results.add(executor.submit(() -> {
					for (int i = 0; i < 2_000; i++) {
						if (!Arrays.equals(key.hmac(message), expected)) {
							return false;
						}
					}
					return true;
				}));
			}
			for (Future<Boolean> result : results) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void unknownAlgorithmFailsWhenTheKeyIsPrepared() {
		assertThatIllegalStateException().isThrownBy(() -> new HmacKey("HmacMD4", KEY))
			.withMessageContaining("HmacMD4");
	}

	@Test
	void toStringDoesNotRevealTheKey() {
		assertThat(new HmacKey("HmacSHA256", KEY)).hasToString("HmacSHA256 key ******");
		Secret secret = Secret.of("Jefe");
		assertThat(secret.utf8Key("HmacSHA256").toString()).doesNotContain("Jefe");
	}

	@Test
	void secretPreparesItsKeyOnceForAnAlgorithm() {
		Secret secret = Secret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
		assertThat(secret.utf8Key("HmacSHA256")).isSameAs(secret.utf8Key("HmacSHA256"));
		assertThat(secret.utf8Key("HmacSHA1").algorithm()).isEqualTo("HmacSHA1");
		assertThat(secret.standardWebhooksHmacKey()).isSameAs(secret.standardWebhooksHmacKey());
		assertThat(secret.standardWebhooksHmacKey().hmac(KEY))
			.isEqualTo(ReferenceHmac.compute("HmacSHA256", secret.standardWebhooksKey(), KEY));
	}

}
