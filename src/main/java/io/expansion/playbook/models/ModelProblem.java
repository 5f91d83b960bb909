package io.expansion.playbook.models;

/**
 * What is wrong with an uploaded file.
 *
 * @param element the element id, or null when the problem is the whole file
 */
public record ModelProblem(String file, String element, String problem) {

  @Override
  public String toString() {
    return file + (element == null ? "" : " (" + element + ")") + ": " + problem;
  }
}
