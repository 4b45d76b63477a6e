package io.github.webhookstarter.inbound;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.lang.Contract;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.HttpRequestHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UrlPathHelper;

import io.github.webhookstarter.core.internal.LibraryEvents;
import io.github.webhookstarter.observation.DefaultWebhookInboundObservationConvention;
import io.github.webhookstarter.observation.WebhookInboundObservation;
import io.github.webhookstarter.observation.WebhookInboundObservationContext;
import io.github.webhookstarter.observation.WebhookInboundObservationConvention;
import io.github.webhookstarter.signing.SignatureScheme;
import io.github.webhookstarter.signing.SignatureVerification;

/**
 * The webhook endpoint: takes a call through the inbound pipeline (source, method, content
 * type, encoding and size, signature, authenticator, JSON, duplicates) and stores or
 * dispatches it. Each step that fails answers with an RFC 9457 problem detail.
 * <p>
 * Not API: public so that the auto-configuration can create it, which backs off when the
 * application defines a bean of this type; applications do not call it.
 *
 * @author Webhook Starter team
 */
public final class WebhookRequestHandler implements HttpRequestHandler {

	private static final Log logger = LogFactory.getLog(WebhookRequestHandler.class);

	private static final WebhookInboundObservationConvention DEFAULT_CONVENTION = new DefaultWebhookInboundObservationConvention();

	// a call dispatched synchronously is stored claimed, as its first attempt
	private static final int SYNC_ATTEMPT = 1;

	// room comes back as soon as the worker finishes a call, at the pace of the listeners rather
	// than of the poll interval, as every stored call wakes the worker: a few seconds is enough
	// for that, and spaces out a sender's retries while the store stays full
	private static final String STORE_FULL_RETRY_AFTER_SECONDS = "5";

	// a database restart or fail-over takes seconds to a minute: retries a few seconds apart
	// find it back soon after, without a storm of them meanwhile
	private static final String STORE_UNAVAILABLE_RETRY_AFTER_SECONDS = "10";

	private final WebhookSources sources;

	private final WebhookBodyReader bodyReader;

	private final InboundStore store;

	private final WebhookListenerRegistry listeners;

	private final InboundWorker worker;

	private final JsonMapper jsonMapper;

	private final Clock clock;

	private final ObservationRegistry observationRegistry;

	private final @Nullable WebhookInboundObservationConvention observationConvention;

	private final ProblemResponder problemResponder;

	private final LibraryEvents events;

	// whether a body whose tree nothing reads on the request thread may be checked for
	// well-formedness by streaming it rather than by building its tree: not if the tree is
	// stricter than its tokens
	private final boolean streamingJsonCheck;

	/**
	 * Create the endpoint.
	 * @param sources the sources it answers for
	 * @param bodyReader reads and decodes request bodies within their limits
	 * @param store stores calls
	 * @param listeners the listeners calls are dispatched to
	 * @param worker dispatches stored calls
	 * @param jsonMapper parses bodies
	 * @param clock the clock signed timestamps are compared with
	 * @param observationRegistry records the {@code webhook.inbound} observation
	 * @param observationConvention a custom convention of that observation, or {@code null}
	 * @param eventPublisher publishes {@link WebhookReceived}, {@link WebhookRejected} and, in
	 * synchronous mode, {@link WebhookListenerFailed}
	 */
	public WebhookRequestHandler(WebhookSources sources, WebhookBodyReader bodyReader, InboundStore store,
			WebhookListenerRegistry listeners, InboundWorker worker, JsonMapper jsonMapper, Clock clock,
			ObservationRegistry observationRegistry, @Nullable WebhookInboundObservationConvention observationConvention,
			ApplicationEventPublisher eventPublisher) {
		this.sources = sources;
		this.bodyReader = bodyReader;
		this.store = store;
		this.listeners = listeners;
		this.worker = worker;
		this.jsonMapper = jsonMapper;
		this.clock = clock;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.problemResponder = new ProblemResponder(jsonMapper);
		this.events = new LibraryEvents(eventPublisher);
		this.streamingJsonCheck = !jsonMapper.isEnabled(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		WebhookInboundObservationContext context = new WebhookInboundObservationContext();
		Observation observation = WebhookInboundObservation.WEBHOOK_INBOUND
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			InboundOutcome outcome = handle(request, response, context);
			context.setOutcome(outcome.tagValue());
		}
		catch (WebhookRejectedException ex) {
			context.setOutcome(ex.getOutcome().tagValue());
			ProblemDetail body = ex.getBody();
			if (body != null) {
				this.problemResponder.send(request, response, ex.getStatus(), body, ex.getHeaders());
			}
			else {
				this.problemResponder.send(request, response, ex.getStatus(), ex.getMessage());
			}
			this.events.publish(new WebhookRejected(context.getSource(), ex.getStatus().value(), ex.getOutcome(),
					ex.getMessage()));
		}
		catch (Exception ex) {
			observation.error(ex);
			context.setOutcome(InboundOutcome.ERROR.tagValue());
			logger.error("Webhook call to " + request.getRequestURI() + " failed", ex);
			if (!response.isCommitted()) {
				this.problemResponder.send(request, response, HttpStatus.INTERNAL_SERVER_ERROR,
						"The webhook could not be processed");
			}
		}
		finally {
			context.setStatus(response.getStatus());
			observation.stop();
		}
	}

	private InboundOutcome handle(HttpServletRequest request, HttpServletResponse response,
			WebhookInboundObservationContext context) throws Exception {
		WebhookSources.Match match = this.sources.match(pathWithinApplication(request));
		WebhookSource source = (match != null) ? match.source() : null;
		if (match == null || source == null) {
			throw new WebhookRejectedException(HttpStatus.NOT_FOUND, InboundOutcome.UNKNOWN_SOURCE,
					"No webhook source answers at this path");
		}
		context.setSource(source.name());
		if (!HttpMethod.POST.matches(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
			throw new WebhookRejectedException(HttpStatus.METHOD_NOT_ALLOWED, InboundOutcome.METHOD_NOT_ALLOWED,
					"Webhooks are received with POST, not " + request.getMethod());
		}
		checkContentType(source, request.getContentType());
		ReceivedBody body = this.bodyReader.read(request.getInputStream(), request.getContentLengthLong(),
				request.getHeader(HttpHeaders.CONTENT_ENCODING));
		HttpHeaders headers = new HttpHeaders();
		HttpHeaders storedHeaders = new HttpHeaders();
		readHeaders(request, source, headers, storedHeaders);
		Instant now = this.clock.instant();
		verifySignature(source, headers, body, now);
		// a tree only if something reads it: the event type or id in it, or listeners that the
		// call is handed over to at once, which would parse it anyway; else its well-formedness
		// is checked by streaming it, and a worker parses the stored body when it dispatches it
		boolean parse = needsJsonTree(source) || handsOverTree(source, headers, match.lastPathSegment());
		JsonNode json = parse ? parseJson(body.decoded()) : null;
		JsonBody jsonBody = (json != null) ? (json.isMissingNode() ? JsonBody.EMPTY : JsonBody.WELL_FORMED)
				: parse ? JsonBody.MALFORMED : checkJson(body.decoded());
		String eventType = source.eventTypeLocation().read(headers, json, match.lastPathSegment());
		String webhookId = (source.idLocation() != null)
				? source.idLocation().read(headers, json, match.lastPathSegment()) : null;
		String callId = newCallId();
		// the authenticator sees every header, credentials included; the stored call does not
		Authentication authentication = authenticate(source,
				WebhookRequest.of(new InboundCall(callId, source.name(), (eventType != null) ? eventType : "", webhookId,
						headers, body.decoded(), request.getRemoteAddr(), now), source.payloadLocation(),
						this.jsonMapper, json));
		if (jsonBody == JsonBody.MALFORMED) {
			throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
					"The body is not well-formed JSON");
		}
		if (jsonBody == JsonBody.EMPTY) {
			throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
					"The body is empty; send a JSON document");
		}
		checkEventType(source, eventType);
		checkWebhookId(webhookId);
		context.setEventType(eventType);
		InboundCall call = new InboundCall(callId, source.name(), eventType, webhookId, storedHeaders,
				body.decoded(), request.getRemoteAddr(), now);
		boolean hasListeners = this.listeners.hasListeners(source.name(), eventType);
		InboundOutcome outcome = (source.mode() == InboundMode.SYNC)
				? processNow(WebhookRequest.of(call, source.payloadLocation(), this.jsonMapper, json)
					.withAuthentication(authentication), hasListeners, request, response)
				: accept(call, json, hasListeners, response);
		if (outcome == InboundOutcome.UNHANDLED && logger.isDebugEnabled()) {
			logger.debug("No @WebhookEvent listener listens to " + call);
		}
		return outcome;
	}

	// dispatched while the sender waits: the listeners run with the call's authentication, which
	// is not stored with the call
	private InboundOutcome processNow(WebhookRequest webhookRequest, boolean hasListeners, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		InboundCall call = webhookRequest.call();
		// stored before its listeners run, so that a concurrent duplicate finds it
		Instant leaseEnd = this.clock.instant().plus(this.worker.lease());
		if (!save(call, response, (claimed) -> this.store.saveClaimed(claimed, leaseEnd))) {
			return duplicate(call, response);
		}
		this.events.publish(new WebhookReceived(call.id(), call.source(), call.eventType(), call.webhookId(),
				hasListeners));
		ListenerDispatch dispatch = this.worker.underLease(call.id(), SYNC_ATTEMPT,
				() -> this.listeners.dispatch(webhookRequest, Set.of()));
		if (dispatch.isSuccessful()) {
			try {
				this.store.markProcessed(call.id(), SYNC_ATTEMPT, this.clock.instant());
			}
			catch (RuntimeException ex) {
				// not known as processed: the sender's retry runs the listeners again, at least once
				throw storeUnavailable(call, ex, response);
			}
			response.setStatus(HttpStatus.OK.value());
			return hasListeners ? InboundOutcome.PROCESSED : InboundOutcome.UNHANDLED;
		}
		// the id counts as seen only once processed, so that the sender's retry is processed again
		this.store.delete(call.id(), SYNC_ATTEMPT);
		for (ListenerDispatch.Failure failure : dispatch.failures()) {
			logger.error("Listener " + failure.listener() + " of " + call + " failed", failure.error());
			this.events.publish(new WebhookListenerFailed(call.id(), call.source(), call.eventType(),
					failure.listener().id(), failure.error(), 1, null));
		}
		if (dispatch.isPermanentFailure()) {
			throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
					dispatch.failures()
						.stream()
						.map(ListenerDispatch.Failure::error)
						.filter(WebhookPayloadException.class::isInstance)
						.findFirst()
						.orElseThrow()
						.getMessage());
		}
		this.problemResponder.send(request, response, HttpStatus.INTERNAL_SERVER_ERROR,
				"The webhook could not be processed");
		return InboundOutcome.ERROR;
	}

	// with a dispatcher free, the call is stored claimed and handed over to it, without a
	// round-trip through the store; else it is stored pending, for the worker to claim
	private InboundOutcome accept(InboundCall call, @Nullable JsonNode json, boolean hasListeners,
			HttpServletResponse response) {
		boolean reserved = this.worker.reserveDispatcher();
		boolean saved = false;
		try {
			Instant leaseEnd = this.clock.instant().plus(this.worker.lease());
			saved = save(call, response,
					reserved ? (claimed) -> this.store.saveClaimed(claimed, leaseEnd) : this.store::savePending);
		}
		finally {
			if (reserved && !saved) {
				this.worker.cancelReservation();
			}
		}
		if (!saved) {
			response.setStatus(HttpStatus.OK.value());
			return InboundOutcome.DUPLICATE;
		}
		this.events.publish(new WebhookReceived(call.id(), call.source(), call.eventType(), call.webhookId(),
				hasListeners));
		if (reserved) {
			this.worker.dispatchReserved(call, json);
		}
		else {
			this.worker.wakeUp();
		}
		response.setStatus(HttpStatus.ACCEPTED.value());
		return hasListeners ? InboundOutcome.ACCEPTED : InboundOutcome.UNHANDLED;
	}

	private boolean save(InboundCall call, HttpServletResponse response, Predicate<InboundCall> save) {
		try {
			return save.test(call);
		}
		catch (InboundStoreFullException ex) {
			logger.warn("Webhook call to source '" + call.source() + "' refused: " + ex.getMessage());
			response.setHeader(HttpHeaders.RETRY_AFTER, STORE_FULL_RETRY_AFTER_SECONDS);
			throw new WebhookRejectedException(HttpStatus.SERVICE_UNAVAILABLE, InboundOutcome.STORE_UNAVAILABLE,
					"The webhook store is full; retry later");
		}
		catch (RuntimeException ex) {
			throw storeUnavailable(call, ex, response);
		}
	}

	// the store's database is down or restarting: the sender is to try again, as for a full store
	private static WebhookRejectedException storeUnavailable(InboundCall call, RuntimeException ex,
			HttpServletResponse response) {
		logger.error("Webhook call to source '" + call.source() + "' could not be stored", ex);
		response.setHeader(HttpHeaders.RETRY_AFTER, STORE_UNAVAILABLE_RETRY_AFTER_SECONDS);
		return new WebhookRejectedException(HttpStatus.SERVICE_UNAVAILABLE, InboundOutcome.STORE_UNAVAILABLE,
				"The webhook could not be stored; retry later");
	}

	private InboundOutcome duplicate(InboundCall call, HttpServletResponse response) {
		InboundCallStatus status;
		try {
			status = this.store.findStatus(call.source(), Objects.requireNonNull(call.webhookId()));
		}
		catch (RuntimeException ex) {
			throw storeUnavailable(call, ex, response);
		}
		if (status == InboundCallStatus.PENDING || status == InboundCallStatus.IN_FLIGHT) {
			// its listeners may yet fail: the sender must not take it as processed
			throw new WebhookRejectedException(HttpStatus.CONFLICT, InboundOutcome.DUPLICATE,
					"A webhook with this id is being processed; retry later");
		}
		response.setStatus(HttpStatus.OK.value());
		return InboundOutcome.DUPLICATE;
	}

	private static String pathWithinApplication(HttpServletRequest request) {
		try {
			return UrlPathHelper.defaultInstance.getPathWithinApplication(request);
		}
		catch (IllegalArgumentException ex) {
			// a stray '%': servlet containers refuse such a request line before it gets here,
			// callers in the same process (MockMvc, a custom servlet) may not
			throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
					"The request path is not a valid percent-encoded path");
		}
	}

	@Contract("_, null -> fail")
	private static void checkEventType(WebhookSource source, @Nullable String eventType) {
		if (!StringUtils.hasText(eventType)) {
			ValueLocation location = source.eventTypeLocation();
			throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
					!location.headerNames().isEmpty()
							? "The event type header '" + String.join("' or '", location.headerNames()) + "' is missing"
							: "The event type is missing; it is read from '" + location + "'");
		}
		if (eventType.length() > InboundStore.MAX_EVENT_TYPE_LENGTH) {
			throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
					"The event type is longer than " + InboundStore.MAX_EVENT_TYPE_LENGTH + " characters");
		}
	}

	private static void checkWebhookId(@Nullable String webhookId) {
		if (webhookId != null && webhookId.length() > InboundStore.MAX_WEBHOOK_ID_LENGTH) {
			throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, InboundOutcome.MALFORMED,
					"The webhook id is longer than " + InboundStore.MAX_WEBHOOK_ID_LENGTH + " characters");
		}
	}

	private void checkContentType(WebhookSource source, @Nullable String contentType) {
		if (contentType == null) {
			throw new WebhookRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
					InboundOutcome.UNSUPPORTED_MEDIA_TYPE, "Content-Type is missing; send application/json");
		}
		if (contentType.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE)) {
			// what most senders send, which every source accepts: not parsed
			return;
		}
		try {
			if (source.accepts(MediaType.parseMediaType(contentType))) {
				return;
			}
		}
		catch (InvalidMediaTypeException ex) {
			// answered below like any other unsupported type
		}
		throw new WebhookRejectedException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, InboundOutcome.UNSUPPORTED_MEDIA_TYPE,
				"Content-Type '" + contentType + "' is not supported; send application/json or a +json type");
	}

	private void verifySignature(WebhookSource source, HttpHeaders headers, ReceivedBody body, Instant now) {
		SignatureScheme scheme = source.signatureScheme();
		if (scheme == null) {
			return;
		}
		SignatureVerification verification = switch (source.signedBytes()) {
			case DECODED -> verify(scheme, source, headers, body.decoded(), now);
			case RAW -> verify(scheme, source, headers, body.raw(), now);
			case EITHER -> {
				SignatureVerification decoded = verify(scheme, source, headers, body.decoded(), now);
				yield (decoded != SignatureVerification.VALID && body.raw() != body.decoded())
						? verify(scheme, source, headers, body.raw(), now) : decoded;
			}
		};
		switch (verification) {
			case VALID -> {
			}
			case MISSING -> throw new WebhookRejectedException(HttpStatus.UNAUTHORIZED,
					InboundOutcome.REJECTED_SIGNATURE, "The webhook signature is missing");
			case INVALID -> throw new WebhookRejectedException(HttpStatus.UNAUTHORIZED,
					InboundOutcome.REJECTED_SIGNATURE, "The webhook signature is not valid");
			case TIMESTAMP_OUT_OF_TOLERANCE -> throw new WebhookRejectedException(HttpStatus.UNAUTHORIZED,
					InboundOutcome.REJECTED_TIMESTAMP, "The webhook timestamp is too old or too far in the future");
		}
	}

	private SignatureVerification verify(SignatureScheme scheme, WebhookSource source, HttpHeaders headers,
			byte[] body, Instant now) {
		return scheme.verify(headers, body, source.secrets(), now, source.tolerance());
	}

	// the listeners of a synchronous source get the tree; the event type or the id may be in it
	private boolean needsJsonTree(WebhookSource source) {
		ValueLocation idLocation = source.idLocation();
		return source.mode() == InboundMode.SYNC || !this.streamingJsonCheck
				|| source.eventTypeLocation().pointer() != null || (idLocation != null && idLocation.pointer() != null);
	}

	// an asynchronous call whose listeners are known from a header or the path, which a free
	// dispatcher is likely to take over at once: its tree is parsed once, here, rather than
	// checked here and parsed by the dispatcher
	private boolean handsOverTree(WebhookSource source, HttpHeaders headers, @Nullable String lastPathSegment) {
		if (source.mode() != InboundMode.ASYNC || !this.worker.hasFreeDispatcher()) {
			return false;
		}
		String eventType = source.eventTypeLocation().read(headers, null, lastPathSegment);
		return eventType != null && this.listeners.needsJsonTree(source.name(), eventType);
	}

	// what readTree would answer, without building the tree: its tokens are read as far as
	// readTree reads them; the parser checks the UTF-8 of the strings it skips
	private JsonBody checkJson(byte[] body) {
		try (JsonParser parser = this.jsonMapper.createParser(body)) {
			JsonToken token = parser.nextToken();
			if (token == null) {
				return JsonBody.EMPTY;
			}
			int depth = 0;
			do {
				if (token.isStructStart()) {
					depth++;
				}
				else if (token.isStructEnd()) {
					depth--;
				}
			}
			while (depth > 0 && (token = parser.nextToken()) != null);
			if (token == null || (this.jsonMapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
					&& parser.nextToken() != null)) {
				return JsonBody.MALFORMED;
			}
			return JsonBody.WELL_FORMED;
		}
		catch (JacksonException ex) {
			return JsonBody.MALFORMED;
		}
	}

	private @Nullable JsonNode parseJson(byte[] body) {
		try {
			return this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private @Nullable Authentication authenticate(WebhookSource source, WebhookRequest request) throws Exception {
		WebhookAuthenticator authenticator = source.authenticator();
		if (authenticator == null) {
			return null;
		}
		Authentication authentication;
		try {
			authentication = authenticator.authenticate(request);
		}
		catch (ErrorResponseException ex) {
			// a ResponseStatusException too: answered whole, with its own problem detail
			throw new WebhookRejectedException(ex, InboundOutcome.REJECTED_AUTHENTICATION);
		}
		if (authentication != null && !authentication.isAuthenticated()) {
			throw new WebhookRejectedException(HttpStatus.FORBIDDEN, InboundOutcome.REJECTED_AUTHENTICATION,
					"The webhook sender is not authorized");
		}
		return authentication;
	}

	// every header, and those the source stores, in one pass over the request's
	private static void readHeaders(HttpServletRequest request, WebhookSource source, HttpHeaders headers,
			HttpHeaders storedHeaders) {
		for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
			String name = names.nextElement();
			boolean stored = source.storesHeader(name.toLowerCase(Locale.ROOT));
			for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements();) {
				String value = values.nextElement();
				headers.add(name, value);
				if (stored) {
					storedHeaders.add(name, value);
				}
			}
		}
	}

	// a random (version 4) UUID, as UUID.randomUUID() makes it, from the thread's own generator
	// rather than the SecureRandom that every request thread shares: call ids are unique, not
	// secret
	private static String newCallId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long mostSignificantBits = (random.nextLong() & ~0xF000L) | 0x4000L;
		long leastSignificantBits = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(mostSignificantBits, leastSignificantBits).toString();
	}

	private enum JsonBody {

		WELL_FORMED, MALFORMED, EMPTY

	}

}
