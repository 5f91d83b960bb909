/**
 * Segmentation: the outcomes of {@code segmentation.dmn} (and {@code signal-qualification.dmn}),
 * evaluated inside the engine, recorded here as decisions and on the account; the same deployed
 * {@code segmentation.dmn} evaluated in-process for the whole book ({@link
 * io.expansion.playbook.segmentation.SegmentationDecision}); and every change of segment ({@link
 * io.expansion.playbook.segmentation.SegmentHistory}).
 */
package io.expansion.playbook.segmentation;
