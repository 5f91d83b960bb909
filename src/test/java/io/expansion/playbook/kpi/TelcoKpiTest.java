package io.expansion.playbook.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.TestConstructor;

/**
 * The Telco book as the app loads it at start-up: its trailing-twelve-month logo churn and GRR
 * equal the figures worked out here straight from the CSV. Every customer started tenure months
 * before the import and the churned ones left on the import date, so the accounts active twelve
 * months ago are those with at least 12 months of tenure, and their churn is all the churn there
 * is. (Same context as {@code TelcoCalibrationTest}: the book is loaded once.)
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.url=jdbc:h2:mem:calibration;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=true"
    })
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class TelcoKpiTest {

  private final TestRestTemplate http;
  private final ObjectMapper json = new ObjectMapper();

  TelcoKpiTest(TestRestTemplate http) {
    this.http = http.withBasicAuth("leader", "demo");
  }

  @Test
  void trailingTwelveMonthLogoChurnAndGrrMatchTheCsv() throws Exception {
    long active = 0;
    long churned = 0;
    BigDecimal startMrr = BigDecimal.ZERO;
    BigDecimal churnedMrr = BigDecimal.ZERO;
    BigDecimal newMrr = BigDecimal.ZERO;
    try (Reader reader = Files.newBufferedReader(book(), StandardCharsets.UTF_8)) {
      for (CSVRecord row :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
        int tenure = Integer.parseInt(row.get("tenure"));
        BigDecimal mrr = new BigDecimal(row.get("monthly_charges"));
        boolean lost = "Yes".equals(row.get("churn"));
        if (tenure >= 12) {
          active++;
          startMrr = startMrr.add(mrr);
          if (lost) {
            churned++;
            churnedMrr = churnedMrr.add(mrr);
          }
        } else {
          newMrr = newMrr.add(mrr);
        }
      }
    }
    assertThat(active).isEqualTo(4974);

    JsonNode report =
        json.readTree(http.getForEntity("/api/kpis?period=ttm", String.class).getBody());
    JsonNode logoChurn = kpi(report, "logo_churn");
    assertThat(logoChurn.path("numerator").asLong()).isEqualTo(churned);
    assertThat(logoChurn.path("denominator").asLong()).isEqualTo(active);
    assertThat(logoChurn.path("value").decimalValue())
        .isEqualByComparingTo(
            BigDecimal.valueOf(churned)
                .divide(BigDecimal.valueOf(active), 4, RoundingMode.HALF_UP));
    JsonNode grr = kpi(report, "grr");
    assertThat(grr.path("denominator").decimalValue()).isEqualByComparingTo(startMrr);
    assertThat(grr.path("numerator").decimalValue())
        .isEqualByComparingTo(startMrr.subtract(churnedMrr));
    assertThat(grr.path("value").decimalValue())
        .isEqualByComparingTo(
            startMrr.subtract(churnedMrr).divide(startMrr, 4, RoundingMode.HALF_UP));
    assertThat(kpi(report, "nrr").path("value").decimalValue())
        .as("an imported book has no expansion yet")
        .isEqualByComparingTo(grr.path("value").decimalValue());
    assertThat(kpi(report, "revenue_churn").path("numerator").decimalValue())
        .isEqualByComparingTo(churnedMrr);
    assertThat(kpi(report, "new_mrr").path("value").decimalValue()).isEqualByComparingTo(newMrr);
  }

  /** The shared copy of the Telco CSV when present, else the demo copy the app loads. */
  private static Path book() {
    Path shared = Path.of("../shared/datasets/telco-customers.csv");
    return Files.exists(shared) ? shared : Path.of("src/main/resources/demo/telco-customers.csv");
  }

  private static JsonNode kpi(JsonNode report, String key) {
    for (JsonNode k : report.path("kpis")) {
      if (key.equals(k.path("key").asText())) {
        return k;
      }
    }
    throw new AssertionError("No KPI " + key + " in " + report);
  }
}
