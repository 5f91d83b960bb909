/**
 * The offer catalog: add-ons, bundles, tier upgrades and contract upgrades, with their prices,
 * margin floors, discount limits, target segments and eligibility rules (seeded by the {@code
 * V2__offer_catalog_and_guardrails} migration), and the offer guardrails: effective limits (the
 * strictest of policy, offer and segment), prerequisites and exclusions, checked by {@link
 * io.expansion.playbook.offers.QuoteService}, the one place quotes are created (V8).
 */
package io.expansion.playbook.offers;
