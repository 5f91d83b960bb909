package io.expansion.playbook.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which accounts of the app's book the benchmark sends signals to, and in what order. */
final class BookAccounts {

  private BookAccounts() {}

  /** Accounts a journey can reach an automated touch for: eligible segment, digital consent. */
  static List<String> eligibleAccounts(JdbcClient jdbc) {
    return jdbc.sql(
            """
            SELECT a.id FROM accounts a
            WHERE a.segment IN ('high-potential', 'stable-adopter')
              AND EXISTS (SELECT 1 FROM contacts c JOIN contact_consents cc ON cc.contact_id = c.id
                          WHERE c.account_id = a.id AND cc.opted_in
                            AND cc.channel IN ('in_app', 'email'))
            ORDER BY a.id
            """)
        .query(String.class)
        .list();
  }

  static List<String> allAccounts(JdbcClient jdbc) {
    return jdbc.sql("SELECT id FROM accounts ORDER BY id").query(String.class).list();
  }

  static List<String> shuffled(List<String> ids, Random random) {
    List<String> copy = new ArrayList<>(ids);
    Collections.shuffle(copy, random);
    return copy;
  }

  /** The fresh accounts first, then all accounts round and round (signals to running journeys). */
  static Iterator<String> cycleAfter(List<String> fresh, List<String> all) {
    return new Iterator<>() {
      private int i;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public String next() {
        int k = i++;
        return k < fresh.size() ? fresh.get(k) : all.get((k - fresh.size()) % all.size());
      }
    };
  }
}
