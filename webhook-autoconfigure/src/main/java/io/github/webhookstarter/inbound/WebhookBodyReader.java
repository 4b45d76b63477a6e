package io.github.webhookstarter.inbound;
public final class WebhookBodyReader { public WebhookBodyReader(BodyLimits l, BrotliSupport b) {}
 ReceivedBody read(java.io.InputStream in, long cl, @org.jspecify.annotations.Nullable String ce) throws java.io.IOException { byte[] b = in.readAllBytes(); return new ReceivedBody(b, b); } }
