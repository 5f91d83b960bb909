package io.expansion.playbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** At start-up, state left by dead processes is removed; what a live process holds stays. */
class StaleStateFoldersTest {

  @TempDir Path tmp;

  @Test
  void removesFoldersOfDeadProcessesAndKeepsLiveOnes() throws Exception {
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    Process running = new ProcessBuilder("sleep", "60").start();
    try {
      Path dead = folder(StaleStateFolders.PREFIX + "-" + finished.pid() + "-123");
      Path live = folder(StaleStateFolders.PREFIX + "-" + running.pid() + "-456");
      Path own = folder(StaleStateFolders.prefixForThisProcess() + "789");
      Path legacyUnlocked = folder(StaleStateFolders.PREFIX + "4242");
      Files.writeString(legacyUnlocked.resolve("LOCK"), "");
      Path otherApp = folder("other-app-state-" + finished.pid() + "-1");
      Path staleJni = old(Files.writeString(tmp.resolve("librocksdbjni123.so"), "x"));
      Path freshJni = Files.writeString(tmp.resolve("librocksdbjni456.so"), "x");
      Path mappedJni = old(Files.writeString(tmp.resolve("librocksdbjni789.so"), "x"));

      StaleStateFolders.Result result;
      try (FileChannel channel = FileChannel.open(mappedJni, StandardOpenOption.READ)) {
        MappedByteBuffer inUse = channel.map(FileChannel.MapMode.READ_ONLY, 0, 1);
        result = StaleStateFolders.clean(tmp);
        assertThat(inUse.get(0)).isEqualTo((byte) 'x');
      }

      assertThat(result.removed()).containsExactlyInAnyOrder(dead, legacyUnlocked, staleJni);
      assertThat(dead).doesNotExist();
      assertThat(legacyUnlocked).doesNotExist();
      assertThat(staleJni).doesNotExist();
      assertThat(live).exists();
      assertThat(own).exists();
      assertThat(otherApp).as("not the app's prefix").exists();
      assertThat(freshJni).as("a process may be loading it right now").exists();
      assertThat(mappedJni).as("mapped by a live process").exists();
    } finally {
      running.destroy();
    }
  }

  @Test
  void theEnginesOwnFolderNamesItsProcess() {
    assertThat(StaleStateFolders.owner(StaleStateFolders.prefixForThisProcess() + "1"))
        .hasValue(ProcessHandle.current().pid());
    assertThat(StaleStateFolders.owner(StaleStateFolders.PREFIX + "123")).isEmpty();
  }

  private Path folder(String name) throws IOException {
    Path folder = Files.createDirectory(tmp.resolve(name));
    Files.writeString(folder.resolve("000001.sst"), "state");
    return folder;
  }

  private static Path old(Path file) throws IOException {
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
    return file;
  }
}
