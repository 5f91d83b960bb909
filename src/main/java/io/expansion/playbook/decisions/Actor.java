package io.expansion.playbook.decisions;

/**
 * Who caused a decision: the signed-in user's name for what a person did (a task completed, a
 * consent changed, a model activated, a quote proposed, an erasure, an import), {@link #SYSTEM} for
 * what the engine's workers and scheduled jobs decided.
 */
public record Actor(String name) {

  /** The engine itself: job workers, the start-up loaders and the daily planner. */
  public static final Actor SYSTEM = new Actor("system");

  public Actor {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("An actor needs a name");
    }
    if (name.length() > 100) {
      throw new IllegalArgumentException("Actor name longer than 100 characters: " + name);
    }
  }
}
