package io.expansion.playbook.accounts;

/**
 * Published (as a Spring application event) when an import run (upload, demo book or command line)
 * has finished successfully, after its rows are committed.
 */
public record BookImported(String importId, String mapping, ImportResult result) {}
