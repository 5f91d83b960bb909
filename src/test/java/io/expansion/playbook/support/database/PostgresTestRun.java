package io.expansion.playbook.support.database;

import java.sql.SQLException;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL test run around all test engines (Jupiter and jqwik alike), registered through
 * {@code META-INF/services}: at the start it checks the server, drops databases left by killed runs
 * and puts {@link H2MemRedirectDriver} first; at the end it drops this run's databases. When the
 * server cannot be reached the run is skipped with a warning — or, under CI ({@code CI=true}),
 * fails. Does nothing in the H2 run.
 */
public class PostgresTestRun implements LauncherSessionListener, PostDiscoveryFilter {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresTestRun.class);

  private static volatile Boolean available;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!TestDatabases.postgres() || !available()) {
      return;
    }
    TestDatabases.dropStale();
    try {
      H2MemRedirectDriver.installFirst();
    } catch (SQLException e) {
      throw new IllegalStateException("Could not register the H2-to-PostgreSQL driver", e);
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (TestDatabases.postgres() && available()) {
      TestDatabases.dropAll();
    }
  }

  /** Excludes every test when PostgreSQL is wanted but not there (outside CI). */
  @Override
  public FilterResult apply(TestDescriptor descriptor) {
    if (!TestDatabases.postgres() || available()) {
      return FilterResult.included("the test database is available");
    }
    return FilterResult.excluded(unavailableMessage());
  }

  private static synchronized boolean available() {
    if (available == null) {
      available = TestDatabases.reachable();
      if (!available) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          throw new IllegalStateException(unavailableMessage() + " (CI=true: failing)");
        }
        LOG.warn("{}: the PostgreSQL test run is skipped", unavailableMessage());
      }
    }
    return available;
  }

  static String unavailableMessage() {
    return "PostgreSQL is not reachable at "
        + TestDatabases.SERVER_URL
        + " as user "
        + TestDatabases.USER
        + " (start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main"
        + " start; or skip this run with -DskipPostgresTests)";
  }
}
