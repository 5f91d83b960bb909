package io.expansion.playbook.accounts;

import org.apache.commons.csv.CSVRecord;

/** One CSV row being mapped: its cells, numbers, and the account id once known. */
final class RowContext {

  private final CSVRecord record;
  private final long rowNumber;
  private final long line;
  private String accountId;

  RowContext(CSVRecord record, long rowNumber, long line) {
    this.record = record;
    this.rowNumber = rowNumber;
    this.line = line;
  }

  /** The cell of a column; empty when the row is short. */
  String get(String column) {
    return record.isSet(column) ? record.get(column) : "";
  }

  long rowNumber() {
    return rowNumber;
  }

  long line() {
    return line;
  }

  String accountId() {
    return accountId;
  }

  void accountId(String id) {
    this.accountId = id;
  }

  /** 1..count, cycling with the row number. */
  long roundRobin(int count) {
    return ((rowNumber - 1) % Math.max(1, count)) + 1;
  }

  CSVRecord record() {
    return record;
  }

  RowException invalid(String column, String reason) {
    return new RowException(new ImportError(line, column, reason));
  }
}
