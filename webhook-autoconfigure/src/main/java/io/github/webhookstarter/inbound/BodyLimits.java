package io.github.webhookstarter.inbound;
public record BodyLimits(long maxBodySize, long maxDecodedSize, double maxInflateRatio) {}
