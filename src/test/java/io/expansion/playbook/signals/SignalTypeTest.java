package io.expansion.playbook.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-type attribute validation of the signal catalog. */
class SignalTypeTest {

  @Test
  void everyTypeAcceptsAValidExampleAndNormalisesNumbers() {
    assertThat(SignalType.PRODUCT_USAGE.validate(Map.of("activeUsers", "42")))
        .containsEntry("activeUsers", 42);
    assertThat(SignalType.LICENSE_UTILIZATION.validate(Map.of("utilizationPct", 85.5)))
        .containsEntry("utilizationPct", 85.5);
    assertThat(
            SignalType.SUPPORT_CASE_OPENED.validate(
                Map.of("caseId", "C-1", "priority", "P1", "subject", "Down")))
        .hasSize(3);
    assertThat(SignalType.SUPPORT_CASE_CLOSED.validate(Map.of("caseId", "C-1"))).hasSize(1);
    assertThat(SignalType.SLA_BREACHED.validate(Map.of("caseId", "C-1", "priority", "P2")))
        .hasSize(2);
    assertThat(SignalType.NPS_RESPONSE.validate(Map.of("score", 9, "comment", "great", "csat", 5)))
        .containsEntry("score", 9);
    assertThat(
            SignalType.INVOICE_OVERDUE.validate(
                Map.of("invoiceId", "INV-7", "amount", "120.50", "daysOverdue", 3)))
        .containsEntry("amount", 120.5)
        .containsEntry("daysOverdue", 3);
    assertThat(SignalType.RENEWAL_DATE_CHANGED.validate(Map.of("renewalDate", "2026-03-31")))
        .containsEntry("renewalDate", "2026-03-31");
    assertThat(
            SignalType.INTENT.validate(Map.of("topic", "premium_feature_trial", "product", "SSO")))
        .containsEntry("topic", "premium_feature_trial");
    assertThat(SignalType.CHAMPION_LEFT.validate(Map.of("role", "VP Ops"))).hasSize(1);
    assertThat(SignalType.MILESTONE_REACHED.validate(Map.of("milestone", "first_value")))
        .hasSize(1);
    assertThat(SignalType.SUBSCRIPTION_CHANGED.validate(Map.of("mrr", "120.50", "reason", "seats")))
        .containsEntry("mrr", 120.5)
        .hasSize(2);
    assertThat(SignalType.SUBSCRIPTION_CHANGED.validate(Map.of("mrr", 0))).containsEntry("mrr", 0);
    assertThat(SignalType.ACCOUNT_CHURNED.validate(null)).isEmpty();
    assertThat(SignalType.RENEWAL_CLOSED.validate(Map.of("outcome", "renewed", "mrr", 99)))
        .hasSize(2);
    assertThat(SignalType.RENEWAL_CLOSED.validate(Map.of("outcome", "churned"))).hasSize(1);
  }

  @Test
  void anUnknownAttributeIsNamedWithTheTypesKnownAttributes() {
    assertThatThrownBy(() -> SignalType.INTENT.validate(Map.of("page", "pricing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown attribute 'page'")
        .hasMessageContaining("'intent'")
        .hasMessageContaining("known attributes: topic, product");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          product_usage        | logins=-1                      | Attribute 'logins' has invalid value -1
          product_usage        | activeUsers=2.5                | expected a whole number
          license_utilization  | utilizationPct=101             | a number from 0 to 100
          license_utilization  | seatsUsed=3                    | Attribute 'utilizationPct' is required
          support_case_opened  | caseId=C-1,priority=P5         | one of P1, P2, P3, P4
          support_case_opened  | priority=P1                    | Attribute 'caseId' is required
          nps_response         | score=11                       | a whole number from 0 to 10
          nps_response         | score=7,csat=0                 | Attribute 'csat'
          invoice_overdue      | invoiceId=I,amount=0,daysOverdue=2 | Attribute 'amount'
          invoice_overdue      | invoiceId=I,amount=5,daysOverdue=0 | Attribute 'daysOverdue'
          renewal_date_changed | renewalDate=31/03/2026         | an ISO date
          intent               | topic=billboard                | pricing_page, premium_feature_trial
          milestone_reached    | milestone=lunch                | setup_done, first_value
          subscription_changed | mrr=-1                         | Attribute 'mrr' has invalid value -1: expected a number >= 0
          subscription_changed | mrr=lots                       | Attribute 'mrr' has invalid value 'lots'
          subscription_changed | reason=upgrade                 | Attribute 'mrr' is required
          account_churned      | why=price                      | Unknown attribute 'why'
          renewal_closed       | outcome=lost                   | one of renewed, churned
          renewal_closed       | mrr=100                        | Attribute 'outcome' is required
          renewal_closed       | outcome=renewed,mrr=0          | Attribute 'mrr' has invalid value 0: expected a number >= 0.01
          renewal_closed       | outcome=churned,mrr=100        | 'mrr' of signal type 'renewal_closed' is for outcome 'renewed' only
          """)
  void invalidValuesAreNamed(String type, String attributes, String message) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    for (String pair : attributes.split(",")) {
      String[] kv = pair.split("=", 2);
      values.put(kv[0], kv[1]);
    }
    SignalType signalType = SignalType.of(type).orElseThrow();

    assertThatThrownBy(() -> signalType.validate(values))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void atLeastOneOfIsEnforced() {
    assertThatThrownBy(() -> SignalType.PRODUCT_USAGE.validate(Map.of()))
        .hasMessageContaining("at least one of the attributes activeUsers, logins, featureAdopted");
    assertThatThrownBy(() -> SignalType.CHAMPION_LEFT.validate(null))
        .hasMessageContaining("contactId, role");
  }

  @Test
  void valuesOfTheWrongKindAreRefused() {
    assertThatThrownBy(() -> SignalType.NPS_RESPONSE.validate(Map.of("score", true)))
        .hasMessageContaining("Attribute 'score' has invalid value true");
    assertThatThrownBy(
            () -> SignalType.SUPPORT_CASE_CLOSED.validate(Map.of("caseId", Map.of("x", 1))))
        .hasMessageContaining("Attribute 'caseId'");
  }
}
