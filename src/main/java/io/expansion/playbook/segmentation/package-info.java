/**
 * Segmentation: the outcomes of {@code segmentation.dmn} (and {@code signal-qualification.dmn}),
 * evaluated inside the engine, recorded here as decisions and on the account.
 */
package io.expansion.playbook.segmentation;
