package io.expansion.playbook.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what earlier runs of the embedded engine left in the temporary folder when they were
 * killed: their RocksDB state folders and the copies of the RocksDB JNI library they extracted.
 *
 * <p>A state folder is named {@code expansion-engine-state-<pid>-…}: it is stale when that process
 * no longer runs. Folders of older versions ({@code expansion-engine-state<digits>}, no owner in
 * the name) are stale when nobody holds RocksDB's {@code LOCK} file in them (a live store keeps an
 * fcntl lock on it). A {@code librocksdbjni*.so} copy is stale when no live process has it mapped
 * ({@code /proc/<pid>/maps}) and it is older than a minute (so a process loading it right now keeps
 * it). Nothing else is touched.
 */
public final class StaleStateFolders {

  static final String PREFIX = "expansion-engine-state";
  private static final Pattern OWNED = Pattern.compile(PREFIX + "-(\\d+)-.*");
  private static final Pattern LEGACY = Pattern.compile(PREFIX + "\\d*");
  private static final Pattern JNI_COPY = Pattern.compile("librocksdbjni.*\\.so");
  private static final Duration JNI_GRACE = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(StaleStateFolders.class);

  private StaleStateFolders() {}

  /** What a clean-up removed and what it left because a live process holds it. */
  public record Result(List<Path> removed, List<Path> kept) {}

  /** The prefix of this process's state folders: the owner's pid is part of the name. */
  static String prefixForThisProcess() {
    return PREFIX + "-" + ProcessHandle.current().pid() + "-";
  }

  /** Cleans {@code java.io.tmpdir}. */
  public static Result clean() {
    return clean(Path.of(System.getProperty("java.io.tmpdir")));
  }

  public static Result clean(Path tempDir) {
    List<Path> removed = new ArrayList<>();
    List<Path> kept = new ArrayList<>();
    List<Path> entries;
    try (Stream<Path> list = Files.list(tempDir)) {
      entries = list.toList();
    } catch (IOException e) {
      LOG.warn("Cannot list {} to remove stale engine state: {}", tempDir, e.toString());
      return new Result(removed, kept);
    }
    Optional<Set<Path>> mapped = null;
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      boolean stale;
      if (Files.isDirectory(entry) && name.startsWith(PREFIX)) {
        stale = staleStateFolder(entry, name);
      } else if (JNI_COPY.matcher(name).matches() && Files.isRegularFile(entry)) {
        if (mapped == null) {
          mapped = mappedFiles();
        }
        stale =
            mapped.isPresent()
                && !mapped.get().contains(entry.toAbsolutePath())
                && olderThanGrace(entry);
      } else {
        continue;
      }
      if (stale && delete(entry)) {
        removed.add(entry);
      } else {
        kept.add(entry);
      }
    }
    if (!removed.isEmpty()) {
      LOG.info(
          "Removed {} stale engine state folder(s) and JNI copies: {}", removed.size(), removed);
    }
    return new Result(removed, kept);
  }

  private static boolean staleStateFolder(Path folder, String name) {
    OptionalLong owner = owner(name);
    if (owner.isPresent()) {
      return owner.getAsLong() != ProcessHandle.current().pid()
          && ProcessHandle.of(owner.getAsLong()).map(p -> !p.isAlive()).orElse(true);
    }
    return LEGACY.matcher(name).matches() && !lockHeld(folder.resolve("LOCK"));
  }

  static OptionalLong owner(String folderName) {
    Matcher m = OWNED.matcher(folderName);
    return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /** Whether another process holds RocksDB's lock on the file (absent file: nobody does). */
  private static boolean lockHeld(Path lockFile) {
    if (!Files.exists(lockFile)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true;
      }
      lock.release();
      return false;
    } catch (OverlappingFileLockException | IOException e) {
      return true;
    }
  }

  private static boolean olderThanGrace(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(JNI_GRACE));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Every JNI copy some live process has mapped, from {@code /proc/<pid>/maps}; empty when there is
   * no {@code /proc} to tell (then no copy is removed).
   */
  static Optional<Set<Path>> mappedFiles() {
    Set<Path> mapped = new HashSet<>();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.toList()) {
        if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        try (Stream<String> lines = Files.lines(process.resolve("maps"))) {
          lines
              .filter(line -> line.contains("librocksdbjni"))
              .forEach(line -> mapped.add(Path.of(line.substring(line.indexOf('/')).trim())));
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile, or its maps are not readable: it holds nothing we see
        }
      }
    } catch (IOException e) {
      LOG.info("Cannot read /proc to find live RocksDB JNI copies, keeping them: {}", e.toString());
      return Optional.empty();
    }
    return Optional.of(mapped);
  }

  private static boolean delete(Path entry) {
    try (Stream<Path> files = Files.walk(entry)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not remove stale engine state {}: {}", entry, e.toString());
      return false;
    }
  }
}
