package org.catdit.store;

import java.util.List;

/**
 * One step of the schema: the statements that take the database from {@code version - 1} to {@code
 * version}. Released steps are never edited, only appended to (see {@link Schema}).
 */
record Migration(int version, String description, List<String> statements) {
  Migration {
    statements = List.copyOf(statements);
  }
}
