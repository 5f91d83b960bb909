/**
 * The customer book: accounts, the products each account owns, and the import of the Telco demo
 * book (CSV) into accounts, products, contacts and consents.
 *
 * <p>{@link io.expansion.playbook.accounts.Accounts} is the repository the engine reads and updates
 * accounts through; {@link io.expansion.playbook.accounts.TelcoBookImporter} loads a book
 * idempotently and atomically; {@link io.expansion.playbook.accounts.DemoBookLoader} loads the
 * bundled demo book on start-up unless {@code expansion.demo.load-book=false}.
 */
package io.expansion.playbook.accounts;
