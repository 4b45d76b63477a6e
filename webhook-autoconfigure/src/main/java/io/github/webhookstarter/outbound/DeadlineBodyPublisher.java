package io.github.webhookstarter.outbound;

import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * The body of a request made with the JDK client, which it refuses to give once the
 * attempt's deadline has passed: a request handed to the client but not yet written when the
 * process stopped (paused, swapped out) would otherwise go out when it resumes, after its
 * claim may have been taken over and the webhook sent by another instance. Without its body,
 * shorter than its {@code Content-Length}, the request is not one a receiver can accept; the
 * attempt fails as any attempt past its deadline does.
 *
 * @author Webhook Starter team
 */
final class DeadlineBodyPublisher implements HttpRequest.BodyPublisher {

	private final HttpRequest.BodyPublisher body;

	private final long deadlineNanos;

	/**
	 * Create a new instance.
	 * @param body the body to publish
	 * @param deadlineNanos the {@link System#nanoTime()} after which it is not published
	 */
	DeadlineBodyPublisher(HttpRequest.BodyPublisher body, long deadlineNanos) {
		this.body = body;
		this.deadlineNanos = deadlineNanos;
	}

	@Override
	public long contentLength() {
		return this.body.contentLength();
	}

	@Override
	public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
		if (System.nanoTime() - this.deadlineNanos < 0) {
			this.body.subscribe(subscriber);
			return;
		}
		subscriber.onSubscribe(new Flow.Subscription() {

			@Override
			public void request(long n) {
			}

			@Override
			public void cancel() {
			}

		});
		subscriber.onError(new HttpTimeoutException("The attempt's deadline passed before its body was sent"));
	}

}
