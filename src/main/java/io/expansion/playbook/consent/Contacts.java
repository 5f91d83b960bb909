package io.expansion.playbook.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads contacts and their channel consents. */
@Repository
public class Contacts {

  private static final String COLUMNS = "id, account_id, name, email, role, is_primary";

  private final JdbcClient jdbc;

  public Contacts(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account's primary contact (the lowest id if, unexpectedly, there are several). */
  public Optional<Contact> primaryContact(String accountId) {
    return jdbc
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM contacts WHERE account_id = :accountId AND is_primary = TRUE ORDER BY id")
        .param("accountId", accountId)
        .query(Contacts::map)
        .list()
        .stream()
        .findFirst();
  }

  public Optional<Contact> byId(String contactId) {
    if (contactId == null) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id = ?")
        .param(contactId)
        .query(Contacts::map)
        .optional();
  }

  /**
   * The contact's consent per channel ({@code email}, {@code in_app}, {@code csm}, {@code sms}),
   * ordered by channel; channels without a record are absent and must be treated as not opted in.
   */
  public Map<String, Boolean> consents(String contactId) {
    Map<String, Boolean> consents = new LinkedHashMap<>();
    jdbc.sql(
            """
            SELECT channel, opted_in FROM contact_consents
            WHERE contact_id = :contactId ORDER BY channel
            """)
        .param("contactId", contactId)
        .query(
            (RowCallbackHandler)
                rs -> consents.put(rs.getString("channel"), rs.getBoolean("opted_in")));
    return consents;
  }

  private static Contact map(ResultSet rs, int row) throws SQLException {
    return new Contact(
        rs.getString("id"),
        rs.getString("account_id"),
        rs.getString("name"),
        rs.getString("email"),
        rs.getString("role"),
        rs.getBoolean("is_primary"));
  }
}
