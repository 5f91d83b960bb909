package io.expansion.playbook.experiments;

import io.expansion.playbook.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/experiments}: ops creates and stops, everyone signed in reads. */
@RestController
@RequestMapping("/api/experiments")
class ExperimentController {

  private final ExperimentService experiments;
  private final ExperimentResultsService results;
  private final GlobalHoldout holdout;
  private final Clock clock;

  ExperimentController(
      ExperimentService experiments,
      ExperimentResultsService results,
      GlobalHoldout holdout,
      Clock clock) {
    this.experiments = experiments;
    this.results = results;
    this.holdout = holdout;
    this.clock = clock;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Map<String, Object> create(@RequestBody(required = false) NewExperiment request) {
    if (request == null) {
      throw ApiException.badRequest("Experiment refused: a JSON body is required");
    }
    return view(experiments.create(request));
  }

  @GetMapping
  Map<String, Object> list() {
    return Map.of(
        "experiments",
        experiments.list().stream().map(this::view).toList(),
        "globalHoldout",
        holdout.summary());
  }

  @GetMapping("/{key}")
  Map<String, Object> get(@PathVariable String key) {
    return view(experiments.get(key));
  }

  @PostMapping("/{key}/stop")
  Map<String, Object> stop(@PathVariable String key) {
    return view(experiments.stop(key));
  }

  @GetMapping("/{key}/results")
  ExperimentResults results(@PathVariable String key) {
    return results.results(key);
  }

  private Map<String, Object> view(Experiment e) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("key", e.key());
    view.put("hypothesis", e.hypothesis());
    view.put("play", e.play());
    view.put("step", e.step());
    view.put("arms", e.arms());
    view.put("primaryMetric", e.primaryMetric());
    view.put("windowDays", e.windowDays());
    view.put("guardrails", e.guardrails());
    view.put("startsAt", e.startsAt());
    view.put("endsAt", e.endsAt());
    view.put("state", e.state(OffsetDateTime.now(clock)));
    view.put("createdBy", e.createdBy());
    view.put("stoppedAt", e.stoppedAt());
    view.put("stoppedBy", e.stoppedBy());
    view.put("results", "/api/experiments/" + e.key() + "/results");
    view.put("exposed", experiments.exposedByArm(e.key()));
    return view;
  }
}
