package io.expansion.playbook.revenue;

import io.expansion.playbook.accounts.BookImporter;
import io.expansion.playbook.accounts.BookMappings;
import io.expansion.playbook.accounts.ImportResult;
import java.io.StringReader;

/** Small hand-built books in the layout of the bundled {@code crm-export} mapping. */
public final class CrmBook {

  private static final String HEADER =
      "Account ID,Account Name,Plan,Contract Term,MRR (USD),Seats Purchased,Seats Active,"
          + "Months as Customer,Renewal Date,Account Owner,Time Zone,Status,Products,"
          + "Primary Contact ID,Primary Contact Name,Primary Contact Email,Primary Contact Role,"
          + "Email Opt-In,In-App Opt-In,SMS Opt-In,Industry,Region,Payment Method\n";

  private final StringBuilder csv = new StringBuilder(HEADER);

  /**
   * Adds an account.
   *
   * @param status {@code Active}, {@code Churned} or {@code Renewed}
   */
  public CrmBook account(String id, String mrr, int tenureMonths, String status, String csm) {
    csv.append(id)
        .append(",Account ")
        .append(id)
        .append(",Professional,Monthly,")
        .append(mrr)
        .append(",10,5,")
        .append(tenureMonths)
        .append(",,")
        .append(csm)
        .append(",UTC,")
        .append(status)
        .append(",Core Platform,")
        .append(id)
        .append("-C1,Contact ")
        .append(id)
        .append(',')
        .append(id.toLowerCase())
        .append("@example.test,Buyer,TRUE,TRUE,FALSE,Software,NA,ACH\n");
    return this;
  }

  public ImportResult importWith(BookImporter importer, BookMappings mappings, String importId) {
    return importer.importBook(
        new StringReader(csv.toString()),
        mappings.named("crm-export"),
        importId,
        BookImporter.Progress.NONE);
  }
}
