/**
 * The browser workspace's server side: the single-page app's pages ({@link
 * io.expansion.playbook.workspace.WorkspacePages}, every page URL answers the app's shell so a
 * reload works), and the read endpoints its pages draw from — the deployed models and forms ({@link
 * io.expansion.playbook.workspace.DeployedModels}), {@code /api/forms} and {@code /api/processes}
 * with the heatmap's element statistics.
 */
package io.expansion.playbook.workspace;
