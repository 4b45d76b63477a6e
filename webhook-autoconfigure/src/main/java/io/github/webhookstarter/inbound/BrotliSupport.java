package io.github.webhookstarter.inbound;
public final class BrotliSupport {}
