/**
 * JDBC implementations of the stores, for H2, PostgreSQL, MariaDB and MySQL, with their schema
 * files ({@code schema-<platform>.sql} next to these classes).
 */
@NullMarked
package io.github.webhookstarter.store.jdbc;

import org.jspecify.annotations.NullMarked;
