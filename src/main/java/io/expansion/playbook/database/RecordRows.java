package io.expansion.playbook.database;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;

/**
 * Row mappers for records whose components are the columns in camel case ({@code margin_floor} →
 * {@code marginFloor}), one per record type and shared (they hold no per-row state).
 *
 * <p>Use these instead of {@code JdbcClient...query(RecordRows.of(Record.class))}: that maps
 * through {@code SimplePropertyRowMapper}, which asks the result set for each component's
 * camel-case name first and falls back to the underscored one only after the driver has refused it
 * — an {@code SQLException} per column per row, which H2 also writes, stack trace and all, to its
 * trace file. Under load that was the largest single cost of the job workers. {@link
 * DataClassRowMapper} reads the column names once from the result set's metadata instead.
 */
public final class RecordRows {

  private static final Map<Class<?>, RowMapper<?>> MAPPERS = new ConcurrentHashMap<>();

  private RecordRows() {}

  @SuppressWarnings("unchecked")
  public static <T> RowMapper<T> of(Class<T> type) {
    return (RowMapper<T>) MAPPERS.computeIfAbsent(type, DataClassRowMapper::new);
  }
}
