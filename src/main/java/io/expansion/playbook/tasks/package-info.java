/**
 * Human tasks for CSMs and managers: Camunda user tasks, tracked in our database through a
 * "creating" task listener (with their due date, follow-up date and priority), listed, filtered,
 * sorted, assigned and completed through the app's REST inbox. Commands on the engine's task go
 * through {@link io.expansion.playbook.tasks.UserTaskCommands}, the one engine-specific seam.
 */
package io.expansion.playbook.tasks;
