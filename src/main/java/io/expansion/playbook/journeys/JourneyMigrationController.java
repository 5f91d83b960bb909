package io.expansion.playbook.journeys;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/journeys/migrations}: moves the active journeys of one process version to
 * another ({@code dryRun} only lists who would move and who cannot).
 */
@RestController
class JourneyMigrationController {

  private final JourneyMigrations migrations;

  JourneyMigrationController(JourneyMigrations migrations) {
    this.migrations = migrations;
  }

  @PostMapping("/api/journeys/migrations")
  JourneyMigrations.Report migrate(@RequestBody JourneyMigrations.Request request) {
    return migrations.migrate(request);
  }
}
