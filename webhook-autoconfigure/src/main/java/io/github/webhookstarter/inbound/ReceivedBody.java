package io.github.webhookstarter.inbound;
record ReceivedBody(byte[] raw, byte[] decoded) {}
