package io.expansion.playbook.decisions;

/**
 * Tells the decision log who is acting on the current thread. The security package answers with the
 * user signed in on a request thread; off request threads (job workers, background imports,
 * start-up) there is nobody, so the answer is {@link Actor#SYSTEM}.
 */
@FunctionalInterface
public interface ActorSource {

  /** Answers {@link Actor#SYSTEM} always: for slices and tools without sign-in. */
  ActorSource SYSTEM = () -> Actor.SYSTEM;

  Actor current();
}
