package io.github.webhookstarter.benchmarks;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * Keeps Spring Modulith's auto-configurations out of every context of this module but the one
 * {@link ModulithComparison} starts for its baseline (property
 * {@code benchmarks.modulith.enabled=true}): Modulith is on the class path for that baseline only,
 * and must not change what the other harnesses, such as {@link OutboundThroughput}, measure.
 */
public final class ModulithAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

	static final String ENABLED = "benchmarks.modulith.enabled";

	private boolean enabled;

	@Override
	public void setEnvironment(Environment environment) {
		this.enabled = environment.getProperty(ENABLED, Boolean.class, false);
	}

	@Override
	public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata autoConfigurationMetadata) {
		boolean[] matches = new boolean[autoConfigurationClasses.length];
		for (int i = 0; i < autoConfigurationClasses.length; i++) {
			matches[i] = this.enabled || autoConfigurationClasses[i] == null
					|| !autoConfigurationClasses[i].startsWith("org.springframework.modulith.");
		}
		return matches;
	}

}
