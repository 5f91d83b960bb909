package io.expansion.playbook.book;

import java.util.Map;
import java.util.TreeMap;

/** What a run has counted so far; one page's counts are added at a time. */
final class BookScoringCounts {

  private int scored;
  private int healthChanged;
  private int segmentChanged;
  private final Map<String, Integer> segments = new TreeMap<>();
  private final Map<String, Integer> actions = new TreeMap<>();

  void add(BookPageScorer.PageResult page) {
    scored += page.scored();
    healthChanged += page.healthChanged();
    segmentChanged += page.segmentChanged();
    page.segments().forEach((k, v) -> segments.merge(k, v, Integer::sum));
    page.actions().forEach((k, v) -> actions.merge(k, v, Integer::sum));
  }

  int scored() {
    return scored;
  }

  int healthChanged() {
    return healthChanged;
  }

  int segmentChanged() {
    return segmentChanged;
  }

  Map<String, Integer> segments() {
    return segments;
  }

  Map<String, Integer> actions() {
    return actions;
  }
}
