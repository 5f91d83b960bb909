package io.expansion.playbook.simulator;

import io.expansion.playbook.web.ApiException;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The runs POST /api/simulations started, one at a time on a thread of their own, kept in memory
 * with their state, progress and results (a restart forgets them; each run's database was its own
 * and is gone with it).
 */
@Service
public class SimulationRuns {

  private static final Logger LOG = LoggerFactory.getLogger(SimulationRuns.class);

  /** A run as GET /api/simulations/{id} shows it. */
  public static final class Run {
    final String id;
    final SimulationPlan plan;
    final OffsetDateTime requestedAt;
    volatile String state = "QUEUED";
    volatile int settingIndex;
    volatile int daysDone;
    volatile String error;
    volatile List<SimulationResult> results = List.of();

    Run(String id, SimulationPlan plan, OffsetDateTime requestedAt) {
      this.id = id;
      this.plan = plan;
      this.requestedAt = requestedAt;
    }

    /** The run's view: id, state, progress, then per setting the KPIs, experiments and holdout. */
    public Map<String, Object> view() {
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("id", id);
      v.put("state", state);
      v.put("days", plan.days());
      v.put("seed", plan.seed());
      v.put("accountShare", plan.accountShare());
      v.put("settings", plan.settings());
      v.put("requestedAt", requestedAt);
      int total = plan.days() * plan.settings().size();
      int done = "SUCCEEDED".equals(state) ? total : settingIndex * plan.days() + daysDone;
      v.put("progress", Map.of("daysDone", done, "daysTotal", total));
      if (error != null) {
        v.put("error", error);
      }
      if (!results.isEmpty()) {
        v.put("results", results);
      }
      return v;
    }
  }

  private final SimulationProperties properties;
  private final Clock clock;
  private final Map<String, Run> runs = new ConcurrentHashMap<>();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "simulation"));

  public SimulationRuns(SimulationProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Validates and queues a run. @throws ApiException 400 naming what is wrong */
  public Run start(SimulationRequest request) {
    SimulationPlan plan = SimulationPlan.of(request, properties);
    Run run = new Run(UUID.randomUUID().toString(), plan, OffsetDateTime.now(clock));
    runs.put(run.id, run);
    executor.submit(() -> execute(run));
    return run;
  }

  public Run find(String id) {
    Run run = runs.get(id);
    if (run == null) {
      throw ApiException.notFound("No simulation with id '" + id + "'");
    }
    return run;
  }

  private void execute(Run run) {
    run.state = "RUNNING";
    try {
      run.results =
          Simulations.run(
              run.id.substring(0, 8),
              run.plan,
              properties,
              (setting, day) -> {
                run.settingIndex = setting;
                run.daysDone = day;
              });
      run.state = "SUCCEEDED";
    } catch (RuntimeException e) {
      LOG.error("Simulation {} failed", run.id, e);
      run.error = e.getClass().getSimpleName() + ": " + e.getMessage();
      run.state = "FAILED";
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
