package io.expansion.playbook.models;

import io.expansion.playbook.journeys.ExpansionJourney;
import io.expansion.playbook.plays.PlayTriggers;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The messages the app publishes: a receive event waiting for any other message would wait for
 * ever. Milestones are published as {@code milestone-<name>} for any milestone a signal names.
 */
@Component
class PublishedMessages {

  private static final Set<String> NAMES =
      Set.of(
          ExpansionJourney.SIGNAL_MESSAGE,
          ExpansionJourney.TOUCH_ANSWER_MESSAGE,
          PlayTriggers.HEALTH_RECOVERED,
          PlayTriggers.USAGE_RECOVERED);
  private static final List<String> PREFIXES = List.of(PlayTriggers.MILESTONE_PREFIX);

  boolean published(String messageName) {
    return NAMES.contains(messageName) || PREFIXES.stream().anyMatch(messageName::startsWith);
  }

  String describe() {
    return NAMES.stream().sorted().toList() + " and " + PREFIXES.get(0) + "*";
  }
}
