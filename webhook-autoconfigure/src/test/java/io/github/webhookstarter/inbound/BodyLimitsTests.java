package io.github.webhookstarter.inbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BodyLimits}.
 *
 * @author Webhook Starter team
 */
class BodyLimitsTests {

	@Test
	void decodedSizeLimitWhenRatioIsSmallerIsRatioTimesEncodedSize() {
		BodyLimits limits = new BodyLimits(1024, 1_000_000, 100);
		assertThat(limits.decodedSizeLimit(1000)).isEqualTo(100_000);
	}

	@Test
	void decodedSizeLimitWhenMaxDecodedSizeIsSmallerIsMaxDecodedSize() {
		BodyLimits limits = new BodyLimits(1024, 50_000, 100);
		assertThat(limits.decodedSizeLimit(1000)).isEqualTo(50_000);
	}

	@Test
	void decodedSizeLimitRoundsUp() {
		BodyLimits limits = new BodyLimits(1024, 1_000_000, 2.5);
		assertThat(limits.decodedSizeLimit(3)).isEqualTo(8);
	}

	@Test
	void decodedSizeLimitAppliesRatioAsWritten() {
		// as doubles, 1.1 * 100 is 110.00000000000001, which would round up to 111
		BodyLimits limits = new BodyLimits(1024, 1_000_000, 1.1);
		assertThat(limits.decodedSizeLimit(100)).isEqualTo(110);
	}

	@Test
	void decodedSizeLimitOfEmptyBodyIsZero() {
		BodyLimits limits = new BodyLimits(1024, 1_000_000, 100);
		assertThat(limits.decodedSizeLimit(0)).isZero();
	}

	@Test
	void decodedSizeLimitWhenRatioTimesSizeOverflowsLongIsMaxDecodedSize() {
		BodyLimits limits = new BodyLimits(1024, 1_000_000, Double.MAX_VALUE);
		assertThat(limits.decodedSizeLimit(1024)).isEqualTo(1_000_000);
	}

	@Test
	void createWhenMaxBodySizeIsNotPositiveThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BodyLimits(0, 1024, 10))
			.withMessageContaining("maxBodySize");
	}

	@Test
	void createWhenMaxDecodedSizeDoesNotFitInAnArrayThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BodyLimits(1024, Integer.MAX_VALUE, 10))
			.withMessageContaining("maxDecodedSize");
	}

	@Test
	void createWhenMaxInflateRatioIsBelowOneThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BodyLimits(1024, 1024, 0.5))
			.withMessageContaining("maxInflateRatio");
	}

	@Test
	void createWhenMaxInflateRatioIsNotFiniteThrowsException() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BodyLimits(1024, 1024, Double.NaN))
			.withMessageContaining("maxInflateRatio");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BodyLimits(1024, 1024, Double.POSITIVE_INFINITY))
			.withMessageContaining("maxInflateRatio");
	}

}
