package io.expansion.playbook.revenue;

import io.expansion.playbook.accounts.Accounts;
import io.expansion.playbook.web.ApiException;
import io.expansion.playbook.web.ApiParams;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The revenue ledger over HTTP. */
@RestController
class RevenueController {

  private static final int MAX_PAGE_SIZE = 500;

  private final RevenueMovements movements;
  private final Accounts accounts;

  RevenueController(RevenueMovements movements, Accounts accounts) {
    this.movements = movements;
    this.accounts = accounts;
  }

  /**
   * A page of movements and, for the whole filter, the signed total per type.
   *
   * @param total number of movements matching the filter
   */
  record MovementPage(
      List<Movement> items, int page, int size, long total, Map<String, BigDecimal> totals) {}

  /** Movements, oldest effective date first, filtered by account, effective dates and type. */
  @GetMapping("/api/revenue/movements")
  MovementPage movements(
      @RequestParam(required = false) String accountId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "100") int size) {
    ApiParams.page(page, size, MAX_PAGE_SIZE);
    LocalDate fromDate = ApiParams.date("from", from);
    LocalDate toDate = ApiParams.date("to", to);
    ApiParams.ordered(fromDate, toDate);
    String movementType = ApiParams.oneOf("type", type, MovementType.codes());
    String account = accountId == null || accountId.isBlank() ? null : accountId;
    if (account != null && !accounts.exists(account)) {
      throw ApiException.notFound("Unknown account '" + account + "'");
    }
    var filter = new RevenueMovements.Filter(account, fromDate, toDate, movementType);
    return new MovementPage(
        movements.page(filter, page, size),
        page,
        size,
        movements.count(filter),
        movements.totals(filter));
  }
}
