package io.expansion.playbook.signals;

import io.expansion.playbook.signals.SignalService.Accepted;
import io.expansion.playbook.signals.SignalService.SignalRequest;
import io.expansion.playbook.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Batch and CSV ingestion: every item goes through {@link SignalService#accept} on its own, so each
 * is validated, stored once per idempotency key and queued exactly like a single signal; a rejected
 * item stores nothing and does not stop the others. Items beyond the backlog's bound are {@code
 * throttled} (not stored; send them again later).
 */
@Service
public class SignalIngestion {

  /** Outcome of one item of a batch or one line of a CSV upload. */
  public record ItemResult(
      int index,
      Long line,
      String status,
      Long signalId,
      String accountId,
      String type,
      String routing,
      String journeyId,
      String reason) {

    public static final String ACCEPTED = "accepted";
    public static final String DUPLICATE = "duplicate";
    public static final String REJECTED = "rejected";

    /** Not stored because the backlog was full: send this item again later. */
    public static final String THROTTLED = "throttled";
  }

  /** Outcome of a batch or CSV upload, item by item. */
  public record BatchResult(
      int received,
      int accepted,
      int duplicates,
      int rejected,
      int throttled,
      List<ItemResult> items) {

    static BatchResult of(List<ItemResult> items) {
      int accepted = 0;
      int duplicates = 0;
      int rejected = 0;
      int throttled = 0;
      for (ItemResult item : items) {
        switch (item.status()) {
          case ItemResult.ACCEPTED -> accepted++;
          case ItemResult.DUPLICATE -> duplicates++;
          case ItemResult.THROTTLED -> throttled++;
          default -> rejected++;
        }
      }
      return new BatchResult(items.size(), accepted, duplicates, rejected, throttled, items);
    }
  }

  private final SignalService signals;
  private final int maxBatchSize;

  public SignalIngestion(
      SignalService signals, @Value("${expansion.signals.max-batch-size:1000}") int maxBatchSize) {
    this.signals = signals;
    this.maxBatchSize = maxBatchSize;
  }

  public int maxBatchSize() {
    return maxBatchSize;
  }

  /**
   * Accepts a batch item by item.
   *
   * @throws ApiException 400 when the batch is empty or larger than the configured maximum
   */
  public BatchResult acceptAll(List<SignalRequest> batch) {
    requireSize(batch == null ? 0 : batch.size(), "batch");
    List<ItemResult> results = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      results.add(acceptOne(i, null, batch.get(i)));
    }
    return BatchResult.of(results);
  }

  /** Accepts parsed CSV lines item by item (index 0 = first data line). */
  BatchResult acceptLines(List<SignalCsv.Line> lines) {
    requireSize(lines.size(), "CSV upload");
    List<ItemResult> results = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      SignalCsv.Line line = lines.get(i);
      results.add(
          line.problem() != null
              ? rejected(i, line.number(), line.request(), line.problem())
              : acceptOne(i, line.number(), line.request()));
    }
    return BatchResult.of(results);
  }

  private void requireSize(int size, String what) {
    if (size == 0) {
      throw ApiException.badRequest("The " + what + " holds no signals");
    }
    if (size > maxBatchSize) {
      throw ApiException.badRequest(
          "The " + what + " holds " + size + " signals; at most " + maxBatchSize + " per request");
    }
  }

  private ItemResult acceptOne(int index, Long line, SignalRequest request) {
    if (request == null) {
      return rejected(index, line, null, "Item is null");
    }
    try {
      Accepted a = signals.accept(request);
      return new ItemResult(
          index,
          line,
          a.duplicate() ? ItemResult.DUPLICATE : ItemResult.ACCEPTED,
          a.id(),
          a.accountId(),
          a.type(),
          a.routing(),
          a.journeyId(),
          null);
    } catch (SignalBacklogFullException e) {
      return refused(ItemResult.THROTTLED, index, line, request, e.getMessage());
    } catch (ApiException e) {
      return rejected(index, line, request, e.getMessage());
    }
  }

  private static ItemResult rejected(int index, Long line, SignalRequest request, String reason) {
    return refused(ItemResult.REJECTED, index, line, request, reason);
  }

  private static ItemResult refused(
      String status, int index, Long line, SignalRequest request, String reason) {
    return new ItemResult(
        index,
        line,
        status,
        null,
        request == null ? null : request.accountId(),
        request == null ? null : request.type(),
        null,
        null,
        reason);
  }
}
