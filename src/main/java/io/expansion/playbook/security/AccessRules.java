package io.expansion.playbook.security;

import static io.expansion.playbook.security.AccessRule.Reach.LISTED;
import static io.expansion.playbook.security.AccessRule.Reach.OWN_ACCOUNT;
import static io.expansion.playbook.security.AccessRule.Reach.OWN_ACCOUNT_PARAM;
import static io.expansion.playbook.security.AccessRule.Reach.OWN_CONTACT;
import static io.expansion.playbook.security.AccessRule.Reach.OWN_OFFER;
import static io.expansion.playbook.security.AccessRule.Reach.TASK_IN_QUEUE;
import static io.expansion.playbook.security.AccessRule.Reach.TASK_TO_WORK_ON;
import static io.expansion.playbook.security.AccessRule.any;
import static io.expansion.playbook.security.AccessRule.delete;
import static io.expansion.playbook.security.AccessRule.get;
import static io.expansion.playbook.security.AccessRule.post;
import static io.expansion.playbook.security.AccessRule.put;
import static io.expansion.playbook.security.Role.CSM;
import static io.expansion.playbook.security.Role.INTEGRATION;
import static io.expansion.playbook.security.Role.LEADERSHIP;
import static io.expansion.playbook.security.Role.MANAGER;
import static io.expansion.playbook.security.Role.OPS;
import static io.expansion.playbook.security.Role.PRIVACY;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The access matrix: every endpoint's rule, in one place. The API chain ({@link #API}) lets a
 * request through only under the first rule that matches it — a path without a rule is refused to
 * everyone — and the README's table is {@link AccessMatrixTable#markdown()} of these lists (a test
 * keeps the two equal). {@code leadership} reads everything and changes nothing; object-level
 * reaches ({@code own}, {@code task}) are checked against the account, contact, offer or task the
 * request names.
 */
public final class AccessRules {

  /** {@code /api/**}, {@code /v3/api-docs/**} and {@code /actuator/**}: 401/403 as JSON. */
  public static final List<AccessRule> API =
      List.of(
          get("/actuator/health", "/actuator/health/**").open(),
          any("/actuator", "/actuator/**").roles(OPS),
          get("/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**").signedIn(),
          get("/api/me").signedIn(),
          // accounts, their health and quotes
          get("/api/accounts").roles(MANAGER, LEADERSHIP).own(CSM, LISTED, null),
          get("/api/accounts/{id}").roles(MANAGER, LEADERSHIP).own(CSM, OWN_ACCOUNT, "id"),
          get("/api/accounts/{id}/health-history")
              .roles(MANAGER, LEADERSHIP)
              .own(CSM, OWN_ACCOUNT, "id"),
          post("/api/accounts/{id}/health-scores").roles(MANAGER).own(CSM, OWN_ACCOUNT, "id"),
          get("/api/accounts/{id}/quotes").roles(MANAGER, LEADERSHIP).own(CSM, OWN_ACCOUNT, "id"),
          post("/api/offers/{offerId}/quotes").roles(MANAGER).own(CSM, OWN_OFFER, "offerId"),
          get("/api/journeys").roles(MANAGER, LEADERSHIP).own(CSM, OWN_ACCOUNT_PARAM, "accountId"),
          post("/api/journeys/migrations").roles(OPS),
          // playbook versions: deploy (validated), versions, content, diff
          post("/api/models").roles(OPS),
          get(
                  "/api/models",
                  "/api/models/{id}/versions",
                  "/api/models/{id}/versions/{version}",
                  "/api/models/{id}/diff")
              .roles(OPS, MANAGER, LEADERSHIP, CSM),
          get("/api/decisions").roles(MANAGER, LEADERSHIP, OPS),
          // the inbox: tasks follow their candidate groups and assignee, as in Tasklist
          get("/api/tasks").roles(MANAGER, LEADERSHIP).own(CSM, LISTED, null),
          get("/api/tasks/{id}", "/api/tasks/{id}/form")
              .roles(MANAGER, LEADERSHIP)
              .own(CSM, TASK_IN_QUEUE, "id"),
          post("/api/tasks/{id}/complete").roles(MANAGER).own(CSM, TASK_TO_WORK_ON, "id"),
          post("/api/tasks/{id}/assignment").roles(MANAGER).own(CSM, TASK_TO_WORK_ON, "id"),
          delete("/api/tasks/{id}/assignee").roles(MANAGER).own(CSM, TASK_TO_WORK_ON, "id"),
          // the whole book and the CSM queue
          get("/api/queue").roles(MANAGER, LEADERSHIP).own(CSM, LISTED, null),
          get("/api/book/scorings", "/api/book/scorings/{id}").roles(MANAGER, LEADERSHIP, OPS),
          post("/api/book/scorings").roles(OPS, MANAGER),
          // the revenue ledger and KPIs
          get("/api/revenue/movements").roles(MANAGER, LEADERSHIP),
          get("/api/kpis", "/api/kpis/series", "/api/kpis/definitions")
              .roles(MANAGER, LEADERSHIP, OPS),
          // the simulator: ops starts runs (each on a database of its own), readers follow them
          post("/api/simulations").roles(OPS),
          get("/api/simulations/{id}").roles(OPS, LEADERSHIP, MANAGER),
          // delivery: the outbox, the local mailbox, the customer's product and unsubscribe links
          get("/api/outbox", "/api/outbox/{messageId}", "/api/mailbox", "/api/mailbox/{messageId}")
              .roles(MANAGER, LEADERSHIP, OPS),
          post("/api/outbox/{messageId}/retry", "/api/outbox/relay").roles(OPS),
          get("/api/in-app/messages").roles(INTEGRATION),
          post("/api/in-app/messages/{id}/events").roles(INTEGRATION),
          any("/api/unsubscribe").open(),
          // consent and personal data
          get("/api/contacts/{id}/consents", "/api/contacts/{id}/consents/history")
              .roles(MANAGER, LEADERSHIP, PRIVACY)
              .own(CSM, OWN_CONTACT, "id"),
          post("/api/contacts/{id}/consents").roles(MANAGER).own(CSM, OWN_CONTACT, "id"),
          put("/api/contacts/{id}/consents").roles(MANAGER).own(CSM, OWN_CONTACT, "id"),
          get("/api/contacts/{id}/export").roles(PRIVACY, LEADERSHIP),
          delete("/api/contacts/{id}/personal-data").roles(PRIVACY),
          post("/api/contacts/{id}/erasure").roles(PRIVACY),
          // plays
          get("/api/plays").roles(CSM, MANAGER, LEADERSHIP, OPS),
          get("/api/plays/watch-list").roles(MANAGER, LEADERSHIP),
          get("/api/plays/watch-list/{accountId}", "/api/plays/remediations/{accountId}")
              .roles(MANAGER, LEADERSHIP)
              .own(CSM, OWN_ACCOUNT, "accountId"),
          post("/api/plays/onboarding", "/api/plays/renewal/plan").roles(MANAGER),
          // experiments and the global holdout: ops creates and stops, everyone signed in reads
          post("/api/experiments", "/api/experiments/{key}/stop").roles(OPS),
          get("/api/experiments", "/api/experiments/{key}", "/api/experiments/{key}/results")
              .signedIn(),
          // scoring models and calibration
          get("/api/scoring/models", "/api/scoring/models/{version}").roles(OPS, LEADERSHIP),
          post("/api/scoring/calibrations", "/api/scoring/models/{version}/activate").roles(OPS),
          // the workspace: deployed models and forms, the heatmap's statistics and drill-down
          get(
                  "/api/forms",
                  "/api/forms/{formId}",
                  "/api/processes",
                  "/api/processes/{processId}/xml")
              .roles(CSM, MANAGER, LEADERSHIP, OPS),
          get(
                  "/api/processes/{processId}/statistics",
                  "/api/processes/{processId}/elements/{elementId}/journeys")
              .roles(MANAGER, LEADERSHIP, OPS),
          // signals and imports
          get("/api/signals/types").roles(INTEGRATION, OPS, LEADERSHIP),
          get("/api/signals/{id}").roles(INTEGRATION, OPS, MANAGER, LEADERSHIP),
          post("/api/signals", "/api/signals/batch", "/api/signals/csv").roles(INTEGRATION),
          post("/api/imports").roles(OPS, INTEGRATION),
          get("/api/imports", "/api/imports/{id}").roles(OPS, INTEGRATION, LEADERSHIP));

  /**
   * Everything else: browser pages. Not signed in, a page redirects to the login page; {@code POST
   * /login} and {@code POST /logout} need the CSRF token.
   */
  public static final List<AccessRule> BROWSER =
      List.of(
          any("/login").open(),
          post("/logout").open(),
          any("/error").open(),
          get(
                  "/assets/**",
                  "/css/**",
                  "/js/**",
                  "/images/**",
                  "/webjars/**",
                  "/favicon.*",
                  "/oauth2/authorization/**",
                  "/login/oauth2/code/**")
              .open(),
          any("/**").signedIn());

  /** Path patterns of the API chain. */
  public static final List<String> API_PATHS =
      List.of("/api/**", "/v3/api-docs", "/v3/api-docs.yaml", "/v3/api-docs/**", "/actuator/**");

  private record Compiled(AccessRule rule, List<RequestMatcher> matchers) {}

  /** A rule that matched a request, with the path variables it bound. */
  public record Match(AccessRule rule, Map<String, String> variables) {}

  private static final List<Compiled> COMPILED_API = compile(API);
  private static final List<Compiled> COMPILED_BROWSER = compile(BROWSER);

  private AccessRules() {}

  /** The first API rule that matches the request. */
  public static Optional<Match> matchApi(HttpServletRequest request) {
    return match(COMPILED_API, request);
  }

  /** The first browser rule that matches the request. */
  public static Optional<Match> matchBrowser(HttpServletRequest request) {
    return match(COMPILED_BROWSER, request);
  }

  private static List<Compiled> compile(List<AccessRule> rules) {
    return rules.stream().map(r -> new Compiled(r, r.matchers())).toList();
  }

  private static Optional<Match> match(List<Compiled> rules, HttpServletRequest request) {
    for (Compiled compiled : rules) {
      for (RequestMatcher matcher : compiled.matchers()) {
        RequestMatcher.MatchResult result = matcher.matcher(request);
        if (result.isMatch()) {
          return Optional.of(new Match(compiled.rule(), result.getVariables()));
        }
      }
    }
    return Optional.empty();
  }
}
