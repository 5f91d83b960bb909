/**
 * The customer book: accounts, the products each account owns, and importing a book from any CSV
 * with a column-mapping file (bring your own book).
 *
 * <p>{@link io.expansion.playbook.accounts.Accounts} is the repository the engine reads and updates
 * accounts through. {@link io.expansion.playbook.accounts.BookImporter} streams a CSV through a
 * {@link io.expansion.playbook.accounts.BookMapping} ({@code mappings/telco.yml}, {@code
 * mappings/crm-export.yml}, or an uploaded file) and writes batched, row-atomic upserts; {@link
 * io.expansion.playbook.accounts.BookImports} records each run in {@code import_runs} and serves
 * {@code /api/imports}; {@link io.expansion.playbook.accounts.DemoBookLoader} loads the bundled
 * Telco book on start-up unless {@code expansion.demo.load-book=false}. Each chunk's new and
 * changed accounts are published as {@link io.expansion.playbook.accounts.AccountsImported} inside
 * its transaction (the revenue ledger seeds from it); {@link
 * io.expansion.playbook.accounts.AccountRevenue} changes an account's MRR and churn flag under its
 * row lock.
 */
package io.expansion.playbook.accounts;
