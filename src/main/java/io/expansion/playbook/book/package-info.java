/**
 * The whole book at a glance: runs that score and segment every account with the journey's own
 * scoring code and the deployed {@code segmentation.dmn}, the next best action of every account
 * (computed with the journey's eligibility, consent and ranking rules, never sent), and the CSM
 * work queue built on them.
 */
package io.expansion.playbook.book;
