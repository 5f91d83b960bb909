package io.expansion.playbook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs the expansion playbook engine: REST API, job workers and (by default) an embedded Zeebe. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ExpansionPlaybookApplication {

  private static final Logger LOG = LoggerFactory.getLogger(ExpansionPlaybookApplication.class);

  public static void main(String[] args) {
    try {
      SpringApplication.run(ExpansionPlaybookApplication.class, args);
    } catch (RuntimeException e) {
      LOG.error("Start-up failed: {}", rootMessage(e));
      // The in-memory engine keeps a non-daemon timer alive; exit explicitly so a failed start
      // ends.
      System.exit(1);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getClass().getSimpleName() + ": " + cause.getMessage();
  }
}
