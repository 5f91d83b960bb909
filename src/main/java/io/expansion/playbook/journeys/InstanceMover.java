package io.expansion.playbook.journeys;

import java.util.Map;

/** Moves a journey's process instance to another version of its process, at a mapped element. */
interface InstanceMover {

  /**
   * Moves the instance.
   *
   * @return the key of the process instance the journey runs in afterwards
   * @throws MoveFailedException when it could not move; the journey then runs where it was, in the
   *     instance the exception names
   */
  long move(
      Journey journey,
      long sourceDefinitionKey,
      long targetDefinitionKey,
      String fromElement,
      String toElement,
      Map<String, Object> variables);

  /** A move that failed; the journey runs where it was, in {@link #instanceKey()}. */
  class MoveFailedException extends RuntimeException {
    private final long instanceKey;

    MoveFailedException(long instanceKey, RuntimeException cause) {
      super(cause.getMessage(), cause);
      this.instanceKey = instanceKey;
    }

    long instanceKey() {
      return instanceKey;
    }
  }
}
