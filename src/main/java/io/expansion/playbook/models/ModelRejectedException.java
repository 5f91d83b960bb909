package io.expansion.playbook.models;

import java.util.List;
import java.util.stream.Collectors;

/** Files that cannot be deployed; nothing of them was deployed or stored. */
public class ModelRejectedException extends RuntimeException {

  private final transient List<ModelProblem> problems;

  public ModelRejectedException(List<ModelProblem> problems) {
    this(problems, null);
  }

  public ModelRejectedException(List<ModelProblem> problems, Throwable cause) {
    super(problems.stream().map(ModelProblem::toString).collect(Collectors.joining("; ")), cause);
    this.problems = List.copyOf(problems);
  }

  public List<ModelProblem> problems() {
    return problems;
  }
}
