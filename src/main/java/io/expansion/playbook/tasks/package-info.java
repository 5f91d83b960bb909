/**
 * Human tasks for CSMs and managers: Camunda user tasks, tracked in our database through a
 * "creating" task listener, listed and completed through the app's REST inbox. Completion goes
 * through {@link io.expansion.playbook.tasks.UserTaskCommands}, the one engine-specific seam.
 */
package io.expansion.playbook.tasks;
