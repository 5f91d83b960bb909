/**
 * Journeys: one running playbook process per account and process, mirrored in our database (the
 * system of record) with its reached step and variables so the embedded engine can be restarted
 * without losing any journey or open task.
 */
package io.expansion.playbook.journeys;
