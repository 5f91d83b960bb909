/**
 * The offer catalog: add-ons, bundles, tier upgrades and contract upgrades, with their prices,
 * margin floors, discount limits, target segments and eligibility rules (seeded by the {@code
 * V2__offer_catalog_and_guardrails} migration).
 */
package io.expansion.playbook.offers;
