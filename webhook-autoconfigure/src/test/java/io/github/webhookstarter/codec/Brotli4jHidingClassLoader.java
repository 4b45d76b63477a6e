package io.github.webhookstarter.codec;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Defines the main classes of this module itself, from the directory or jar that holds
 * {@link BrotliSupport}, and refuses every Brotli4j class, so that linking to Brotli4j from one
 * of them fails as it would without the dependency.
 */
public final class Brotli4jHidingClassLoader extends URLClassLoader {

	/**
	 * Create a class loader of this module's main classes, without Brotli4j.
	 */
	public Brotli4jHidingClassLoader() {
		super(new URL[] { BrotliSupport.class.getProtectionDomain().getCodeSource().getLocation() },
				Brotli4jHidingClassLoader.class.getClassLoader());
	}

	@Override
	protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
		if (name.startsWith("com.aayushatharva.")) {
			throw new ClassNotFoundException(name);
		}
		if (!name.startsWith("io.github.webhookstarter.")) {
			return super.loadClass(name, resolve);
		}
		synchronized (getClassLoadingLock(name)) {
			Class<?> type = findLoadedClass(name);
			if (type == null) {
				type = findClass(name);
			}
			if (resolve) {
				resolveClass(type);
			}
			return type;
		}
	}

}
