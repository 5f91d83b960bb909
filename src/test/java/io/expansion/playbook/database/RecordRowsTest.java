package io.expansion.playbook.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.simple.JdbcClient;

class RecordRowsTest {

  enum Tier {
    GOLD,
    SILVER
  }

  record Plan(String planId, BigDecimal monthlyFee, int seatCount, Tier tier, LocalDate startsOn) {}

  private JdbcClient jdbc;

  @BeforeEach
  void table() {
    JdbcDataSource source = new JdbcDataSource();
    source.setURL("jdbc:h2:mem:record-rows-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    jdbc = JdbcClient.create(source);
    jdbc.sql(
            "CREATE TABLE plans (plan_id VARCHAR(10), monthly_fee DECIMAL(10,2), seat_count INT,"
                + " tier VARCHAR(10), starts_on DATE)")
        .update();
    jdbc.sql("INSERT INTO plans VALUES ('p1', 12.50, 3, 'GOLD', DATE '2026-01-01')").update();
    jdbc.sql("INSERT INTO plans VALUES ('p2', NULL, NULL, 'SILVER', NULL)").update();
  }

  @Test
  void mapsUnderscoredColumnsInAnyOrderToTheRecordsComponents() {
    List<Plan> plans =
        jdbc.sql(
                "SELECT starts_on, tier, seat_count, monthly_fee, plan_id FROM plans ORDER BY"
                    + " plan_id")
            .query(RecordRows.of(Plan.class))
            .list();

    assertThat(plans)
        .containsExactly(
            new Plan("p1", new BigDecimal("12.50"), 3, Tier.GOLD, LocalDate.parse("2026-01-01")),
            new Plan("p2", null, 0, Tier.SILVER, null));
  }

  @Test
  void aResultSetOfAnotherShapeIsMappedByItsOwnColumns() {
    Plan first =
        jdbc.sql(
                "SELECT plan_id, monthly_fee, seat_count, tier, starts_on FROM plans WHERE plan_id = 'p1'")
            .query(RecordRows.of(Plan.class))
            .single();
    Plan second =
        jdbc.sql(
                "SELECT tier, starts_on, plan_id, seat_count, monthly_fee, 1 AS extra FROM plans WHERE plan_id = 'p1'")
            .query(RecordRows.of(Plan.class))
            .single();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aMissingColumnIsNamed() {
    assertThatThrownBy(
            () ->
                jdbc.sql("SELECT plan_id, monthly_fee FROM plans")
                    .query(RecordRows.of(Plan.class))
                    .list())
        .isInstanceOf(InvalidDataAccessApiUsageException.class)
        .hasMessageContaining("Plan")
        .hasMessageContaining("'seatCount'");
  }

  @Test
  void onlyRecordsAreMapped() {
    assertThatThrownBy(() -> RecordRows.of(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a record");
  }
}
