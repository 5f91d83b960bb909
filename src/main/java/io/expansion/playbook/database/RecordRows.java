package io.expansion.playbook.database;

import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

/**
 * Row mappers for records whose components are the columns in camel case ({@code margin_floor} →
 * {@code marginFloor}), one per record type and shared.
 *
 * <p>Use these instead of {@code JdbcClient...query(Record.class)} or Spring's {@code
 * DataClassRowMapper}: both ask the result set for each component's camel-case name first and fall
 * back to the underscored one only after the driver has refused it — an {@code SQLException} per
 * column per row, which H2 also writes, stack trace and all, to its trace file. Under load that was
 * the largest single cost of the job workers. This mapper reads the column labels once per result
 * set from its metadata and maps each component to its column index.
 */
public final class RecordRows<T> implements RowMapper<T> {

  private static final Map<Class<?>, RecordRows<?>> MAPPERS = new ConcurrentHashMap<>();

  private final Class<T> type;
  private final Constructor<T> constructor;
  private final String[] names;
  private final Class<?>[] types;

  /** The column indexes of the result set this thread maps now. */
  private final ThreadLocal<Columns> columns = new ThreadLocal<>();

  private RecordRows(Class<T> type) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    RecordComponent[] components = type.getRecordComponents();
    this.type = type;
    this.names = new String[components.length];
    this.types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      names[i] = components[i].getName();
      types[i] = components[i].getType();
    }
    try {
      this.constructor = type.getDeclaredConstructor(types);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("No canonical constructor on " + type.getName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  public static <T> RowMapper<T> of(Class<T> type) {
    return (RowMapper<T>) MAPPERS.computeIfAbsent(type, RecordRows::new);
  }

  @Override
  public T mapRow(ResultSet rs, int rowNum) throws SQLException {
    int[] indexes = indexes(rs);
    Object[] args = new Object[names.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = value(rs, indexes[i], types[i]);
    }
    return BeanUtils.instantiateClass(constructor, args);
  }

  private int[] indexes(ResultSet rs) throws SQLException {
    Columns current = columns.get();
    if (current != null && current.resultSet.get() == rs) {
      return current.indexes;
    }
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, Integer> byName = new HashMap<>();
    for (int column = 1; column <= meta.getColumnCount(); column++) {
      byName.putIfAbsent(normalised(JdbcUtils.lookupColumnName(meta, column)), column);
    }
    int[] indexes = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      Integer index = byName.get(normalised(names[i]));
      if (index == null) {
        throw new InvalidDataAccessApiUsageException(
            "The query for "
                + type.getSimpleName()
                + " returns no column for its component '"
                + names[i]
                + "' (columns: "
                + byName.keySet()
                + ")");
      }
      indexes[i] = index;
    }
    columns.set(new Columns(new WeakReference<>(rs), indexes));
    return indexes;
  }

  private static Object value(ResultSet rs, int index, Class<?> type) throws SQLException {
    Object value = JdbcUtils.getResultSetValue(rs, index, type);
    if (value == null || ClassUtils.isAssignableValue(type, value)) {
      return value;
    }
    return DefaultConversionService.getSharedInstance().convert(value, type);
  }

  /** {@code margin_floor}, {@code MARGIN_FLOOR} and {@code marginFloor} are the same name. */
  private static String normalised(String name) {
    return name.replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** Weakly held: a closed result set is not kept alive by the thread that mapped it. */
  private record Columns(WeakReference<ResultSet> resultSet, int[] indexes) {}
}
