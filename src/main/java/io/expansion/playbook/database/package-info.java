/**
 * What the app's SQL needs to run the same on H2 and PostgreSQL (see README, "PostgreSQL"): inserts
 * that a unique key may refuse inside a transaction. The test {@code DatabaseDifferencesTest} shows
 * each difference between the two databases the code relies on, on both.
 */
package io.expansion.playbook.database;
