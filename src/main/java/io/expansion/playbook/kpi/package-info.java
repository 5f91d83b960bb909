/**
 * Revenue and play KPIs for any period, for the whole book or grouped by segment, CSM or play: net
 * and gross revenue retention, expansion, contraction and churn from the revenue ledger ({@code
 * revenue} package); attach rate, win rate, deal size and discount from offers and quotes; the
 * signal-to-play funnel from signals, journeys, touches and offers; time to first value and play
 * outcomes from the plays' journeys and decisions. {@link io.expansion.playbook.kpi.KpiDefinition}
 * holds every formula; {@code /api/kpis}, {@code /api/kpis/series} and {@code
 * /api/kpis/definitions} serve them. Read-only: nothing here writes.
 */
package io.expansion.playbook.kpi;
