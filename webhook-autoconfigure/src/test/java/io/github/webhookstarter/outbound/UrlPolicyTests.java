package io.github.webhookstarter.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.webhookstarter.outbound.UrlPolicyViolationException.Rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class UrlPolicyTests {

	private final UrlPolicy policy = UrlPolicy.builder().build();

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0.0.0.0                 | an unspecified address
			0.1.2.3                 | an unspecified address
			127.0.0.1               | a loopback address
			127.255.0.9             | a loopback address
			10.1.2.3                | a private address
			172.16.0.1              | a private address
			172.31.255.255          | a private address
			192.168.1.1             | a private address
			169.254.1.1             | a link-local address
			169.254.169.254         | a link-local address (cloud metadata service)
			100.64.0.1              | a carrier-grade NAT address
			100.127.255.255         | a carrier-grade NAT address
			224.0.0.1               | a multicast address
			239.255.255.250         | a multicast address
			240.0.0.1               | a reserved address
			255.255.255.255         | a reserved address
			::                      | an unspecified address
			::1                     | a loopback address
			fe80::1                 | a link-local address
			fec0::1                 | a private address
			fc00::1                 | a unique-local address
			fd12:3456::1            | a unique-local address
			ff02::1                 | a multicast address
			::ffff:127.0.0.1        | a loopback address
			::ffff:169.254.169.254  | a link-local address (cloud metadata service)
			::ffff:10.0.0.1         | a private address
			""")
	void addressesThatAreNotPublicAreRefused(String literal, String kind) throws Exception {
		InetAddress address = InetAddress.getByName(literal);
		assertThat(UrlPolicy.nonPublicKind(address)).isEqualTo(kind);
		assertThatExceptionOfType(UrlPolicyViolationException.class)
			.isThrownBy(() -> this.policy.check("example.com", address))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).isEqualTo(Rule.PRIVATE_ADDRESS);
				assertThat(ex.getAddress()).isEqualTo(address);
				assertThat(ex.getMessage()).isEqualTo("refused by the URL policy: example.com resolves to "
						+ address.getHostAddress() + ", " + kind);
			});
	}

	@ParameterizedTest(name = "{0} embeds {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0:0:0:0:0:ffff:7f00:1   | a loopback address (127.0.0.1 embedded in IPv6)
			::127.0.0.1             | a loopback address (127.0.0.1 embedded in IPv6)
			64:ff9b::a9fe:a9fe      | a link-local address (cloud metadata service) (169.254.169.254 embedded in IPv6)
			2002:c0a8:101::1        | a private address (192.168.1.1 embedded in IPv6)
			""")
	void ipv6AddressesThatEmbedAnIpv4AddressAreCheckedAsIt(String literal, String kind) throws Exception {
		// the JDK returns most IPv4-mapped literals as IPv4 addresses, not these
		byte[] bytes = InetAddress.getByName(literal).getAddress();
		InetAddress address = Inet6Address.getByAddress(null, (bytes.length == 16) ? bytes : mapped(bytes), -1);
		assertThat(address.getAddress()).hasSize(16);
		assertThat(UrlPolicy.nonPublicKind(address)).isEqualTo(kind);
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.15.0.1", "172.32.0.1",
			"169.253.1.1", "192.169.0.1", "223.255.255.255", "2606:4700::1111", "2001:4860:4860::8888",
			"::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1" })
	void publicAddressesAreAllowed(String literal) throws Exception {
		InetAddress address = InetAddress.getByName(literal);
		assertThat(UrlPolicy.nonPublicKind(address)).isNull();
		assertThatNoException().isThrownBy(() -> this.policy.check("example.com", address));
	}

	@Test
	void ipv4MappedAddressKeptAsIpv6IsCheckedAsIpv4() throws Exception {
		byte[] mapped = mapped(new byte[] { 127, 0, 0, 1 });
		InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
		assertThat(address.getAddress()).hasSize(16);
		assertThat(UrlPolicy.nonPublicKind(address)).isEqualTo("a loopback address (127.0.0.1 embedded in IPv6)");
	}

	@Test
	void privateAddressesAreAllowedWhenAllowPrivate() throws Exception {
		UrlPolicy lenient = UrlPolicy.builder().allowPrivate(true).httpsOnly(false).build();
		assertThatNoException().isThrownBy(() -> lenient.check(URI.create("http://127.0.0.1:8080/hook")));
		assertThat(lenient.resolve(URI.create("http://127.0.0.1:8080/hook")))
			.containsExactly(InetAddress.getByName("127.0.0.1"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http://127.0.0.1/hook                   | 127.0.0.1 is a loopback address
			https://169.254.169.254/latest/meta     | 169.254.169.254 is a link-local address (cloud metadata service)
			https://[::1]:8443/hook                 | [::1] is a loopback address
			https://[fd00::1]/hook                  | [fd00::1] is a unique-local address
			https://[::ffff:10.0.0.1]/hook          | [::ffff:10.0.0.1] is a private address
			""")
	void literalAddressesAreCheckedWithoutResolving(String url, String reason) {
		UrlPolicy httpAllowed = UrlPolicy.builder().httpsOnly(false).build();
		assertThatExceptionOfType(UrlPolicyViolationException.class)
			.isThrownBy(() -> httpAllowed.check(URI.create(url)))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).isEqualTo(Rule.PRIVATE_ADDRESS);
				assertThat(ex.getReason()).isEqualTo(reason);
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.1/",
			"http://010.0.0.1/", "http://1.2.3.0x4/" })
	void numericHostsThatAreNotDottedQuadsAreRefused(String url) {
		UrlPolicy httpAllowed = UrlPolicy.builder().httpsOnly(false).allowPrivate(true).build();
		assertThatExceptionOfType(UrlPolicyViolationException.class)
			.isThrownBy(() -> httpAllowed.check(URI.create(url)))
			.satisfies((ex) -> assertThat(ex.getRule()).isEqualTo(Rule.INVALID_HOST));
	}

	@Test
	void httpIsRefusedWhenHttpsOnly() {
		assertThatExceptionOfType(UrlPolicyViolationException.class)
			.isThrownBy(() -> this.policy.check(URI.create("http://example.com/hook")))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).isEqualTo(Rule.SCHEME);
				assertThat(ex.getRule().getProperty()).isEqualTo("https-only");
				assertThat(ex.getMessage()).isEqualTo("refused by the URL policy: scheme 'http' is not https");
			});
		assertThatNoException().isThrownBy(() -> this.policy.check(URI.create("https://example.com/hook")));
		assertThatNoException()
			.isThrownBy(() -> UrlPolicy.builder().httpsOnly(false).build().check(URI.create("http://example.com/")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.com/", "file:///etc/passwd", "gopher://example.com/", "/relative" })
	void otherSchemesAreRefused(String url) {
		assertThatExceptionOfType(UrlPolicyViolationException.class)
			.isThrownBy(() -> UrlPolicy.builder().httpsOnly(false).build().check(URI.create(url)))
			.satisfies((ex) -> assertThat(ex.getRule()).isIn(Rule.SCHEME, Rule.INVALID_HOST));
	}

	@Test
	void deniedHostsAreRefusedWithWildcards() {
		UrlPolicy denying = UrlPolicy.builder().deniedHosts(List.of("*.internal.example.com", "Evil.COM.")).build();
		assertThat(ruleOf(denying, "https://a.internal.example.com/")).isEqualTo(Rule.DENIED_HOST);
		assertThat(ruleOf(denying, "https://a.b.internal.example.com/")).isEqualTo(Rule.DENIED_HOST);
		assertThat(ruleOf(denying, "https://EVIL.com/")).isEqualTo(Rule.DENIED_HOST);
		assertThat(ruleOf(denying, "https://evil.com./")).isEqualTo(Rule.DENIED_HOST);
		assertThat(ruleOf(denying, "https://internal.example.com/")).isNull();
		assertThat(ruleOf(denying, "https://notinternal.example.com/")).isNull();
		assertThat(ruleOf(denying, "https://evil.com.example.org/")).isNull();
	}

	@Test
	void onlyAllowedHostsAreAcceptedWhenThereAreAny() {
		UrlPolicy allowing = UrlPolicy.builder()
			.allowedHosts(List.of("*.partner.com", "hooks.example.com", "8.8.8.8"))
			.deniedHosts(List.of("bad.partner.com"))
			.build();
		assertThat(ruleOf(allowing, "https://a.partner.com/")).isNull();
		assertThat(ruleOf(allowing, "https://hooks.example.com/")).isNull();
		assertThat(ruleOf(allowing, "https://8.8.8.8/")).isNull();
		assertThat(ruleOf(allowing, "https://partner.com/")).isEqualTo(Rule.NOT_ALLOWED_HOST);
		assertThat(ruleOf(allowing, "https://example.com/")).isEqualTo(Rule.NOT_ALLOWED_HOST);
		assertThat(ruleOf(allowing, "https://bad.partner.com/")).isEqualTo(Rule.DENIED_HOST);
	}

	@Test
	void allowedHostsDoNotAllowPrivateAddresses() {
		UrlPolicy allowing = UrlPolicy.builder().allowedHosts(List.of("10.0.0.1")).build();
		assertThat(ruleOf(allowing, "https://10.0.0.1/")).isEqualTo(Rule.PRIVATE_ADDRESS);
	}

	@Test
	void messagesNeverShowUserInfoPathOrQuery() {
		for (String url : List.of("http://user:s3cret@example.com/path?token=s3cret",
				"https://user:s3cret@127.0.0.1/path?token=s3cret", "https://user:s3cret@evil.com/s3cret",
				"ftp://user:s3cret@example.com/s3cret")) {
			UrlPolicy strict = UrlPolicy.builder().deniedHosts(List.of("evil.com")).build();
			assertThatExceptionOfType(UrlPolicyViolationException.class)
				.isThrownBy(() -> strict.check(URI.create(url)))
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("s3cret").doesNotContain("user"));
		}
	}

	@Test
	void resolveChecksEveryAddressOfTheHost() {
		assertThatExceptionOfType(UrlPolicyViolationException.class)
			.isThrownBy(() -> this.policy.resolve(URI.create("https://localhost/hook")))
			.satisfies((ex) -> {
				assertThat(ex.getRule()).isEqualTo(Rule.PRIVATE_ADDRESS);
				assertThat(ex.getMessage()).startsWith("refused by the URL policy: localhost resolves to ")
					.endsWith(", a loopback address");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "*", "foo*.com", "*.*.com", "a b.com", "" })
	void invalidHostPatternsAreRefused(String pattern) {
		assertThatIllegalArgumentException().isThrownBy(() -> UrlPolicy.builder().deniedHosts(List.of(pattern)));
	}

	private static Rule ruleOf(UrlPolicy policy, String url) {
		try {
			policy.check(URI.create(url));
			return null;
		}
		catch (UrlPolicyViolationException ex) {
			return ex.getRule();
		}
	}

	private static byte[] mapped(byte[] ipv4) {
		byte[] bytes = new byte[16];
		bytes[10] = (byte) 0xff;
		bytes[11] = (byte) 0xff;
		System.arraycopy(ipv4, 0, bytes, 12, 4);
		return bytes;
	}

}
