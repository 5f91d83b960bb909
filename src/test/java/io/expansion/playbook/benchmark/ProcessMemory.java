package io.expansion.playbook.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/** Heap after a full GC and the process' resident set size, in MiB. */
record ProcessMemory(double heapAfterGcMib, double rssMib) {

  private static final double MIB = 1024.0 * 1024.0;

  static ProcessMemory measure() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new ProcessMemory(heap / MIB, rssKib() / 1024.0);
  }

  /** Like {@link #measure} with a single full GC (the soak samples every few seconds). */
  static ProcessMemory measureOnce() {
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return new ProcessMemory(heap / MIB, rssKib() / 1024.0);
  }

  /** VmRSS of this process from /proc/self/status; NaN where /proc is not available. */
  private static double rssKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Double.parseDouble(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
