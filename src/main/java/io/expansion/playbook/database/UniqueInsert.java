package io.expansion.playbook.database;

import java.util.function.IntSupplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * An insert that a unique key may refuse — the idempotency of a redelivered job — without spoiling
 * the transaction around it. H2 goes on after a failed statement; PostgreSQL marks the whole
 * transaction aborted ("current transaction is aborted, commands ignored until end of transaction
 * block"), so a caller that treats the duplicate as "already done" and carries on would fail at its
 * next statement. Inside a transaction the insert therefore runs under a savepoint (plain SQL,
 * which H2 and PostgreSQL both accept) and a duplicate rolls back to it; outside one it simply
 * runs.
 */
public final class UniqueInsert {

  private static final String SAVEPOINT = "unique_insert";

  private UniqueInsert() {}

  /**
   * @param insert runs the INSERT through {@code jdbc} and returns the rows it inserted
   * @return true when a row was inserted, false when a unique constraint refused it (or the insert
   *     inserted nothing)
   */
  public static boolean attempt(JdbcClient jdbc, IntSupplier insert) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      try {
        return insert.getAsInt() > 0;
      } catch (DuplicateKeyException duplicate) {
        return false;
      }
    }
    jdbc.sql("SAVEPOINT " + SAVEPOINT).update();
    boolean inserted;
    try {
      inserted = insert.getAsInt() > 0;
    } catch (DuplicateKeyException duplicate) {
      jdbc.sql("ROLLBACK TO SAVEPOINT " + SAVEPOINT).update();
      inserted = false;
    }
    jdbc.sql("RELEASE SAVEPOINT " + SAVEPOINT).update();
    return inserted;
  }
}
