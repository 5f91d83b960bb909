/**
 * The revenue ledger: one {@code revenue_movements} row per change of an account's MRR ({@code
 * new}, {@code expansion}, {@code contraction}, {@code churn}, {@code reactivation}) with its
 * effective date, amount, MRR before and after, and source. {@link
 * io.expansion.playbook.revenue.RevenueLedger} seeds it from every import (in the import's
 * transaction) and records provisioned offers; {@link io.expansion.playbook.revenue.BillingEvents}
 * applies the billing and CRM signals ({@code subscription_changed}, {@code account_churned},
 * {@code renewal_closed}) to the account in the transaction that stores the signal; {@code
 * /api/revenue/movements} lists the rows. The KPIs ({@code kpi} package) are computed from it.
 */
package io.expansion.playbook.revenue;
