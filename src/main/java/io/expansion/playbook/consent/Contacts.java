package io.expansion.playbook.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
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

  /** An account's primary contact id and that contact's consents, for {@link #primaryBetween}. */
  record PrimaryConsents(String contactId, Map<String, Boolean> consents) {}

  /**
   * {@link #primaryContact} and its {@link #consents} for the accounts whose ids lie between the
   * two (inclusive), by account id; accounts without a primary contact are absent.
   */
  Map<String, PrimaryConsents> primaryBetween(String firstId, String lastId) {
    Map<String, PrimaryConsents> byAccount = new HashMap<>();
    jdbc.sql(
            """
            SELECT c.account_id, c.id, cc.channel, cc.opted_in
            FROM contacts c LEFT JOIN contact_consents cc ON cc.contact_id = c.id
            WHERE c.account_id BETWEEN :first AND :last AND c.is_primary = TRUE
            ORDER BY c.account_id, c.id, cc.channel
            """)
        .param("first", firstId)
        .param("last", lastId)
        .query(
            (RowCallbackHandler)
                rs -> {
                  String contact = rs.getString("id");
                  String channel = rs.getString("channel");
                  boolean optedIn = rs.getBoolean("opted_in");
                  PrimaryConsents primary =
                      byAccount.computeIfAbsent(
                          rs.getString("account_id"),
                          k -> new PrimaryConsents(contact, new LinkedHashMap<>()));
                  if (primary.contactId().equals(contact) && channel != null) {
                    primary.consents().put(channel, optedIn);
                  }
                });
    return byAccount;
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
