package io.expansion.playbook.support.database;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * For plain-JDBC tests ({@code DriverManager}, {@code DriverManagerDataSource}): in the PostgreSQL
 * run it answers {@code jdbc:h2:mem:} URLs with a connection to the PostgreSQL database standing in
 * for them. {@link #installFirst()} puts it ahead of the H2 driver, which {@code DriverManager}
 * would otherwise ask first.
 */
public final class H2MemRedirectDriver implements Driver {

  private static final H2MemRedirectDriver INSTANCE = new H2MemRedirectDriver();

  private H2MemRedirectDriver() {}

  /** Registers the driver and moves the drivers that take H2 URLs behind it. */
  static synchronized void installFirst() throws SQLException {
    List<Driver> drivers = Collections.list(DriverManager.getDrivers());
    if (drivers.contains(INSTANCE)) {
      return;
    }
    List<Driver> h2 = new ArrayList<>();
    for (Driver driver : drivers) {
      if (driver.acceptsURL("jdbc:h2:mem:probe")) {
        h2.add(driver);
        DriverManager.deregisterDriver(driver);
      }
    }
    DriverManager.registerDriver(INSTANCE);
    for (Driver driver : h2) {
      DriverManager.registerDriver(driver);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    return TestDatabases.connect(TestDatabases.postgresUrlFor(url));
  }

  @Override
  public boolean acceptsURL(String url) {
    return TestDatabases.postgres() && TestDatabases.isH2Memory(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }
}
