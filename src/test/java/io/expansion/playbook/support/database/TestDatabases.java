package io.expansion.playbook.support.database;

import java.lang.ref.WeakReference;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Which database the tests run on, and the PostgreSQL databases that stand in for in-memory H2
 * ones. With {@code -Dexpansion.test.database=postgres} every {@code jdbc:h2:mem:NAME} URL a test
 * uses — in {@code @SpringBootTest} properties, {@code @DynamicPropertySource}, command-line
 * arguments of a {@code SpringApplication}, or a plain {@code DriverManager} URL — is answered by a
 * PostgreSQL database created for this test JVM: {@code test_<name>_p<pid>_<random>}. The same H2
 * name gives the same database for the whole run, as {@code DB_CLOSE_DELAY=-1} does on H2; a
 * context that asks for an embedded test database ({@code @JdbcTest}) gets a fresh one. The
 * databases are dropped when the test run ends; ones left by a killed run are dropped by the next.
 */
public final class TestDatabases {

  /** {@code h2} (default) or {@code postgres}. */
  public static final String MODE = "expansion.test.database";

  static final String SERVER_URL =
      System.getProperty("expansion.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
  static final String USER = System.getProperty("expansion.test.postgres.user", "postgres");
  static final String PASSWORD = System.getProperty("expansion.test.postgres.password", "");
  private static final String ADMIN_DATABASE = "postgres";

  private static final Logger LOG = LoggerFactory.getLogger(TestDatabases.class);
  private static final Pattern H2_MEM = Pattern.compile("^jdbc:h2:mem:([^;]*)(;.*)?$");
  private static final Pattern OURS = Pattern.compile("^test_[a-z0-9_]+_p(\\d+)_[0-9a-f]{6}$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private static final Map<String, String> BY_H2_NAME = new ConcurrentHashMap<>();
  private static final List<String> CREATED = new CopyOnWriteArrayList<>();
  private static final List<WeakReference<ConfigurableApplicationContext>> CONTEXTS =
      new CopyOnWriteArrayList<>();

  private TestDatabases() {}

  public static boolean postgres() {
    return "postgres".equalsIgnoreCase(System.getProperty(MODE, "h2").trim());
  }

  /** Whether the URL is an in-memory H2 database that the PostgreSQL run replaces. */
  public static boolean isH2Memory(String url) {
    return url != null && H2_MEM.matcher(url).matches();
  }

  /**
   * The PostgreSQL URL standing in for an in-memory H2 URL: the same H2 name gives the same
   * database for the whole run; an unnamed one ({@code jdbc:h2:mem:}) a new database each time.
   */
  public static String postgresUrlFor(String h2Url) {
    Matcher m = H2_MEM.matcher(h2Url);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not an in-memory H2 URL: " + h2Url);
    }
    String name = m.group(1);
    if (name.isEmpty()) {
      return urlOf(create("anonymous", h2Url));
    }
    return urlOf(BY_H2_NAME.computeIfAbsent(name, n -> create(n, h2Url)));
  }

  /** A new, empty PostgreSQL database (as an embedded test database would be). */
  public static String freshPostgresUrl(String hint) {
    return urlOf(create(hint, "a fresh test database"));
  }

  static String urlOf(String database) {
    return SERVER_URL + database;
  }

  /** Whether the PostgreSQL server answers (5 s at most). */
  static boolean reachable() {
    try (Connection ignored = admin()) {
      return true;
    } catch (SQLException e) {
      LOG.debug("PostgreSQL not reachable at {}: {}", SERVER_URL, e.getMessage());
      return false;
    }
  }

  /** Remembered so the run can close it before its database is dropped. */
  static void track(ConfigurableApplicationContext context) {
    CONTEXTS.add(new WeakReference<>(context));
  }

  /** Closes the contexts still open, then drops every database this run created. */
  static void dropAll() {
    for (WeakReference<ConfigurableApplicationContext> ref : CONTEXTS) {
      ConfigurableApplicationContext context = ref.get();
      if (context != null && context.isActive()) {
        try {
          context.close();
        } catch (RuntimeException e) {
          LOG.warn("Closing a test context failed: {}", e.getMessage());
        }
      }
    }
    CONTEXTS.clear();
    for (String database : List.copyOf(CREATED)) {
      drop(database);
    }
    CREATED.clear();
    BY_H2_NAME.clear();
  }

  /**
   * Drops databases left by test runs that were killed: names of this scheme whose process is gone
   * and that nobody is connected to.
   */
  static void dropStale() {
    List<String> stale = new ArrayList<>();
    try (Connection c = admin();
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT d.datname FROM pg_database d WHERE d.datname LIKE 'test\\_%'"
                        + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a"
                        + " WHERE a.datname = d.datname)")) {
      while (rs.next()) {
        Matcher m = OURS.matcher(rs.getString(1));
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          stale.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      LOG.warn("Could not look for stale test databases: {}", e.getMessage());
      return;
    }
    stale.forEach(TestDatabases::drop);
  }

  private static String create(String hint, String standsInFor) {
    String database =
        "test_" + sanitise(hint) + "_p" + ProcessHandle.current().pid() + "_" + randomHex();
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database + " ENCODING 'UTF8' TEMPLATE template0");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Could not create the PostgreSQL test database "
              + database
              + " at "
              + SERVER_URL
              + " (user "
              + USER
              + "): "
              + e.getMessage(),
          e);
    }
    CREATED.add(database);
    LOG.info("PostgreSQL test database {} stands in for {}", database, standsInFor);
    return database;
  }

  private static String randomHex() {
    byte[] bytes = new byte[3];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static void drop(String database) {
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      LOG.warn("Could not drop the test database {}: {}", database, e.getMessage());
    }
  }

  private static String sanitise(String hint) {
    String name = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    name = name.replaceAll("^_+|_+$", "");
    if (name.isEmpty()) {
      name = "db";
    }
    return name.length() > 30 ? name.substring(0, 30) : name;
  }

  static Connection connect(String url) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("password", PASSWORD);
    properties.setProperty("loginTimeout", "5");
    return new org.postgresql.Driver().connect(url, properties);
  }

  private static Connection admin() throws SQLException {
    return connect(urlOf(ADMIN_DATABASE));
  }
}
