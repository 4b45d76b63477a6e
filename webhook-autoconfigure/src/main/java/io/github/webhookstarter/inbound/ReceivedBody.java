package io.github.webhookstarter.inbound;

/**
 * The body of a webhook call, as sent and as decoded from its content coding.
 * <p>
 * The arrays are shared, not copied: they must not be modified.
 * <p>
 * Not API: public for the auto-configuration and the test module ({@code webhook-spring-boot-test}),
 * which read requests as the endpoint does; applications do not use it.
 *
 * @param raw the bytes as sent, which a signature is computed over
 * @param decoded the bytes after content decoding; the same array as {@code raw} when the
 * body was sent without a content coding
 *
 * @author Webhook Starter team
 */
public record ReceivedBody(byte[] raw, byte[] decoded) {

}
