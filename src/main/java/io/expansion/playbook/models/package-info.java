/**
 * Playbook versions: every deployed BPMN, DMN and form kept in the database, deployment from the
 * app with validation, start-up redeployment of the versions running journeys still use, and the
 * diff between two versions.
 */
package io.expansion.playbook.models;
