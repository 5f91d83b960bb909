package io.expansion.playbook.signals;

import io.expansion.playbook.signals.SignalService.SignalRequest;
import io.expansion.playbook.web.ApiException;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * Reads signals from CSV: a header line with {@code accountId}, {@code type} and optionally {@code
 * occurredAt} (ISO date-time with offset) and {@code idempotencyKey}, plus one {@code attr.<name>}
 * column per attribute. Empty attribute cells are left out. A line without an idempotency key gets
 * one derived from its content ({@code csv:} + SHA-256 of account, type, occurredAt and
 * attributes), so uploading the same file twice stores each signal once.
 */
final class SignalCsv {

  static final String ACCOUNT_ID = "accountId";
  static final String TYPE = "type";
  static final String OCCURRED_AT = "occurredAt";
  static final String IDEMPOTENCY_KEY = "idempotencyKey";
  static final String ATTRIBUTE_PREFIX = "attr.";

  /** One data line: its line number in the file, the request, and a problem found parsing it. */
  record Line(long number, SignalRequest request, String problem) {}

  private SignalCsv() {}

  /**
   * Parses the whole upload before anything is stored.
   *
   * @throws ApiException 400 when the header is wrong or the CSV is malformed (naming the line)
   */
  static List<Line> parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("The CSV body is empty; expected a header line");
    }
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
            .get();
    long lastLine = 1;
    try (CSVParser parser = format.parse(new StringReader(body))) {
      List<String> attributeColumns = checkHeader(parser.getHeaderNames());
      List<Line> lines = new ArrayList<>();
      for (CSVRecord record : parser) {
        long number = lastLine + 1;
        lastLine = parser.getCurrentLineNumber();
        lines.add(line(number, record, attributeColumns));
      }
      return lines;
    } catch (IllegalArgumentException | UncheckedIOException | IOException e) {
      throw ApiException.badRequest(
          "Malformed CSV after line " + lastLine + ": " + firstLine(e.getMessage()));
    }
  }

  private static List<String> checkHeader(List<String> header) {
    List<String> missing = new ArrayList<>();
    for (String required : List.of(ACCOUNT_ID, TYPE)) {
      if (!header.contains(required)) {
        missing.add(required);
      }
    }
    if (!missing.isEmpty()) {
      throw ApiException.badRequest(
          "CSV header is missing column(s) "
              + String.join(", ", missing)
              + "; expected accountId, type, occurredAt (optional), idempotencyKey (optional)"
              + " and attr.<name> columns");
    }
    List<String> attributes = new ArrayList<>();
    for (String column : header) {
      if (column.startsWith(ATTRIBUTE_PREFIX) && column.length() > ATTRIBUTE_PREFIX.length()) {
        attributes.add(column);
      } else if (!List.of(ACCOUNT_ID, TYPE, OCCURRED_AT, IDEMPOTENCY_KEY).contains(column)) {
        throw ApiException.badRequest(
            "Unknown CSV column '"
                + column
                + "'; expected accountId, type, occurredAt, idempotencyKey or attr.<name>");
      }
    }
    return attributes;
  }

  private static Line line(long number, CSVRecord record, List<String> attributeColumns) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    for (String column : attributeColumns) {
      String value = cell(record, column);
      if (value != null) {
        attributes.put(column.substring(ATTRIBUTE_PREFIX.length()), value);
      }
    }
    String accountId = cell(record, ACCOUNT_ID);
    String type = cell(record, TYPE);
    String key = cell(record, IDEMPOTENCY_KEY);
    String occurred = cell(record, OCCURRED_AT);
    OffsetDateTime occurredAt = null;
    String problem = null;
    if (!record.isConsistent()) {
      problem =
          "Line has "
              + record.size()
              + " cells; the header has "
              + record.getParser().getHeaderNames().size();
    } else if (occurred != null) {
      try {
        occurredAt = OffsetDateTime.parse(occurred);
      } catch (DateTimeParseException e) {
        problem =
            "Column 'occurredAt' has invalid value '"
                + occurred
                + "': expected an ISO date-time with offset, e.g. 2026-03-01T09:30:00Z";
      }
    }
    if (key == null) {
      key = derivedKey(accountId, type, occurred, attributes);
    }
    return new Line(
        number, new SignalRequest(accountId, type, occurredAt, attributes, key), problem);
  }

  private static String cell(CSVRecord record, String column) {
    if (!record.isMapped(column) || !record.isSet(column)) {
      return null;
    }
    String value = record.get(column);
    return value == null || value.isEmpty() ? null : value;
  }

  /** {@code csv:} + SHA-256 of the line's content (attributes in name order). */
  static String derivedKey(
      String accountId, String type, String occurredAt, Map<String, Object> attributes) {
    StringBuilder content = new StringBuilder();
    content.append(accountId).append('\u001f').append(type).append('\u001f').append(occurredAt);
    new TreeMap<>(attributes)
        .forEach((k, v) -> content.append('\u001f').append(k).append('=').append(v));
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(content.toString().getBytes(StandardCharsets.UTF_8));
      return "csv:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable input";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
