package io.expansion.playbook.simulator;

import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Starts simulations (ops) and shows their state, progress and results (leader, ops, manager). */
@RestController
class SimulationController {

  private final SimulationRuns runs;

  SimulationController(SimulationRuns runs) {
    this.runs = runs;
  }

  /** 202 with the run and its status URL in {@code Location}; 400 naming bad input. */
  @PostMapping("/api/simulations")
  ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) SimulationRequest body) {
    SimulationRuns.Run run = runs.start(body);
    URI status = URI.create("/api/simulations/" + run.view().get("id"));
    Map<String, Object> view = new java.util.LinkedHashMap<>(run.view());
    view.put("statusUrl", status.toString());
    return ResponseEntity.accepted().location(status).body(view);
  }

  @GetMapping("/api/simulations/{id}")
  Map<String, Object> status(@PathVariable String id) {
    return runs.find(id).view();
  }
}
