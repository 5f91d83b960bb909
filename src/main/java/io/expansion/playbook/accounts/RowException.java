package io.expansion.playbook.accounts;

/** A row that cannot be imported; carries its line, column and reason. */
final class RowException extends RuntimeException {

  private final ImportError error;

  RowException(ImportError error) {
    super("line " + error.line() + ", column " + error.column() + ": " + error.reason());
    this.error = error;
  }

  ImportError error() {
    return error;
  }
}
