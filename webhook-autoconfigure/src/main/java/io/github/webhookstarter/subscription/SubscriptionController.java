package io.github.webhookstarter.subscription;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.github.webhookstarter.outbound.DeliveryAttempt;
import io.github.webhookstarter.outbound.EndpointState;

/**
 * The subscriptions API (REST Hooks), at {@code webhook.subscriptions.path}: JSON in and out,
 * errors as RFC 9457 problem details. Each caller acts as the owner named by its principal
 * and sees only its own subscriptions; another's answers {@code 404} as one that does not
 * exist. Who may call it at all is the application's security to decide.
 * <p>
 * Not API: public so that the auto-configuration can create it.
 *
 * @author Webhook Starter team
 */
@RestController
@RequestMapping(path = "${webhook.subscriptions.path:/webhooks/subscriptions}",
		produces = MediaType.APPLICATION_JSON_VALUE)
public final class SubscriptionController {

	/**
	 * The owner of every subscription created without a principal, when that is allowed.
	 */
	public static final String ANONYMOUS_OWNER = "anonymous";

	private static final int MAX_PAGE_SIZE = 100;

	private static final int LAST_ATTEMPTS = 10;

	private final WebhookSubscriptions subscriptions;

	private final boolean allowAnonymous;

	/**
	 * Create a new instance.
	 * @param subscriptions the subscriptions
	 * @param allowAnonymous whether callers without a principal may use the API, all as one
	 * owner
	 */
	public SubscriptionController(WebhookSubscriptions subscriptions, boolean allowAnonymous) {
		this.subscriptions = subscriptions;
		this.allowAnonymous = allowAnonymous;
	}

	@PostMapping(consumes = { MediaType.APPLICATION_JSON_VALUE, "application/*+json" })
	ResponseEntity<SubscriptionView> create(@RequestBody SubscriptionRequest request, @Nullable Principal principal) {
		Subscription created = this.subscriptions.create(owner(principal), request);
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(created.id())
			.toUri();
		return ResponseEntity.created(location).body(view(created, true, null));
	}

	@GetMapping
	PageView list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@Nullable Principal principal) {
		String owner = owner(principal);
		if (page < 0) {
			throw new InvalidSubscriptionException("page", "page must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidSubscriptionException("size", "size must be between 1 and " + MAX_PAGE_SIZE);
		}
		List<SubscriptionView> views = this.subscriptions.findAll(owner, page, size)
			.stream()
			.map((subscription) -> view(subscription, false, null))
			.toList();
		return new PageView(views, page, size, this.subscriptions.count(owner));
	}

	@GetMapping("/{id}")
	SubscriptionView get(@PathVariable String id, @Nullable Principal principal) {
		return this.subscriptions.find(owner(principal), id)
			.map((subscription) -> view(subscription, false, lastAttempts(subscription)))
			.orElseThrow(() -> new SubscriptionNotFoundException(id));
	}

	@PatchMapping(path = "/{id}",
			consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json", "application/*+json" })
	SubscriptionView update(@PathVariable String id, @RequestBody SubscriptionRequest request,
			@Nullable Principal principal) {
		return this.subscriptions.update(owner(principal), id, request)
			.map((subscription) -> view(subscription, false, null))
			.orElseThrow(() -> new SubscriptionNotFoundException(id));
	}

	@PostMapping("/{id}/rotate-secret")
	SubscriptionView rotateSecret(@PathVariable String id, @Nullable Principal principal) {
		return this.subscriptions.rotateSecret(owner(principal), id)
			.map((subscription) -> view(subscription, true, null))
			.orElseThrow(() -> new SubscriptionNotFoundException(id));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id, @Nullable Principal principal) {
		if (!this.subscriptions.delete(owner(principal), id)) {
			throw new SubscriptionNotFoundException(id);
		}
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidSubscriptionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Invalid subscription");
		problem.setProperty("field", ex.getField());
		return problem(problem);
	}

	// another owner's subscription answers as one that does not exist
	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(SubscriptionNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("No such subscription");
		return problem(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> limitExceeded(SubscriptionLimitExceededException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("Too many subscriptions");
		return problem(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex) {
		// the parser's message may quote the body: say only where to look
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The body is not a JSON object of the fields of a subscription, with their types: url (string), "
						+ "events (array of strings), description (string), headers (object of strings), "
						+ "signature (string), rateLimit (number), ordered (boolean), active (boolean)");
		problem.setTitle("Unreadable subscription");
		return problem(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unauthenticated(AnonymousCallerException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
				"Subscriptions belong to an authenticated principal");
		problem.setTitle("Unauthenticated");
		return problem(problem);
	}

	private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
		return ResponseEntity.status(problem.getStatus())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	private String owner(@Nullable Principal principal) {
		if (principal != null) {
			return principal.getName();
		}
		if (this.allowAnonymous) {
			return ANONYMOUS_OWNER;
		}
		throw new AnonymousCallerException();
	}

	private List<AttemptView> lastAttempts(Subscription subscription) {
		return this.subscriptions.findLastAttempts(subscription.id(), LAST_ATTEMPTS)
			.stream()
			.map(AttemptView::of)
			.toList();
	}

	private SubscriptionView view(Subscription subscription, boolean withSecret,
			@Nullable List<AttemptView> lastAttempts) {
		EndpointState state = this.subscriptions.getState(subscription.id());
		EndpointState inactive = (state != null && state.disabled()) ? state : null;
		return new SubscriptionView(subscription.id(), subscription.url(), subscription.events(),
				subscription.description(), subscription.headers(), subscription.signature(),
				subscription.rateLimit(), subscription.ordered(), inactive == null,
				(inactive != null) ? inactive.disabledReason() : null,
				(inactive != null) ? inactive.disabledAt() : null, subscription.createdAt(), subscription.updatedAt(),
				withSecret ? subscription.secret() : null, subscription.previousSecretExpiresAt(), lastAttempts);
	}

	/**
	 * A subscription as the API shows it: its secret only when it was just created or
	 * rotated, its last attempts only when asked for alone.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SubscriptionView(String id, URI url, List<String> events, @Nullable String description,
			Map<String, String> headers, String signature, double rateLimit, boolean ordered, boolean active,
			@Nullable String inactiveReason, @Nullable Instant inactiveSince, Instant createdAt, Instant updatedAt,
			@Nullable String secret, @Nullable Instant previousSecretExpiresAt,
			@Nullable List<AttemptView> lastAttempts) {

	}

	/**
	 * A page of an owner's subscriptions.
	 */
	record PageView(List<SubscriptionView> subscriptions, int page, int size, long total) {

	}

	/**
	 * An attempt to deliver to a subscription.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record AttemptView(String deliveryId, int number, Instant startedAt, long durationMillis,
			@Nullable Integer statusCode, @Nullable String error) {

		static AttemptView of(DeliveryAttempt attempt) {
			return new AttemptView(attempt.deliveryId(), attempt.number(), attempt.startedAt(),
					attempt.duration().toMillis(), attempt.statusCode(), attempt.error());
		}

	}

	/**
	 * Thrown when the caller has no subscription with an id.
	 */
	static final class SubscriptionNotFoundException extends RuntimeException {

		SubscriptionNotFoundException(String id) {
			super("You have no subscription '" + id + "'");
		}

	}

	/**
	 * Thrown when a caller without a principal uses the API, which is not allowed.
	 */
	static final class AnonymousCallerException extends RuntimeException {

		AnonymousCallerException() {
			super("Subscriptions belong to an authenticated principal");
		}

	}

}
