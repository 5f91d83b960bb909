package io.expansion.playbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks stay until every open reader has passed them; released positions cannot be read. */
class SegmentedLogStorageTest {

  private static final LogStorage.AppendListener NONE = new LogStorage.AppendListener() {};

  /** Block {@code i} holds positions {@code 10i+1 .. 10i+10}; its first long is {@code i}. */
  private static void append(SegmentedLogStorage storage, int from, int to) {
    for (int i = from; i < to; i++) {
      ByteBuffer block = ByteBuffer.allocate(64);
      block.putLong(0, i);
      storage.append(10L * i + 1, 10L * i + 10, block, NONE);
    }
  }

  private static List<Long> readAll(LogStorageReader reader) {
    List<Long> blocks = new ArrayList<>();
    while (reader.hasNext()) {
      blocks.add(reader.next().getLong(0, ByteOrder.BIG_ENDIAN));
    }
    return blocks;
  }

  @Test
  void releasesOnlyWhatTheSlowestReaderHasPassed() {
    SegmentedLogStorage storage = new SegmentedLogStorage(4);
    LogStorageReader fast = storage.newReader();
    LogStorageReader slow = storage.newReader();
    append(storage, 0, 40);

    assertThat(readAll(fast)).hasSize(40).startsWith(0L, 1L).endsWith(39L);
    assertThat(storage.usage().releasedBlocks()).as("the slow reader read nothing yet").isZero();

    for (int i = 0; i < 21; i++) {
      assertThat(slow.next().getLong(0, ByteOrder.BIG_ENDIAN)).isEqualTo(i);
    }
    append(storage, 40, 60);
    assertThat(readAll(fast)).hasSize(20);
    SegmentedLogStorage.Usage usage = storage.usage();
    assertThat(usage.releasedBlocks()).as("segments wholly below block 20").isEqualTo(20);
    assertThat(usage.retainedBlocks()).isEqualTo(40);
    assertThat(usage.releasedUpToPosition()).isEqualTo(200);
    assertThat(usage.retainedBytes()).isEqualTo(40 * 64);

    assertThat(readAll(slow))
        .as("the slow reader still sees every block after its own")
        .hasSize(39);
  }

  @Test
  void nothingIsReleasedWithoutReadersAndAClosedReaderStopsPinning() {
    SegmentedLogStorage storage = new SegmentedLogStorage(4);
    append(storage, 0, 30);
    assertThat(storage.usage().releasedBlocks()).isZero();

    LogStorageReader pinning = storage.newReader();
    LogStorageReader reader = storage.newReader();
    assertThat(readAll(reader)).hasSize(30);
    assertThat(storage.usage().releasedBlocks()).isZero();
    pinning.close();
    append(storage, 30, 31);
    readAll(reader);
    assertThat(storage.usage().releasedBlocks()).isEqualTo(28);
    assertThat(storage.usage().openReaders()).isEqualTo(1);
  }

  @Test
  void seekingBackIntoReleasedRecordsFailsInsteadOfSkippingThem() {
    SegmentedLogStorage storage = new SegmentedLogStorage(4);
    LogStorageReader reader = storage.newReader();
    append(storage, 0, 30);
    readAll(reader);
    append(storage, 30, 31);
    readAll(reader);
    long releasedUpTo = storage.usage().releasedUpToPosition();
    assertThat(releasedUpTo).isPositive();

    reader.seek(releasedUpTo + 1);
    assertThat(reader.next().getLong(0, ByteOrder.BIG_ENDIAN)).isEqualTo(releasedUpTo / 10);
    assertThatThrownBy(() -> reader.seek(releasedUpTo))
        .isInstanceOf(SegmentedLogStorage.ReleasedPositionException.class)
        .hasMessageContaining("no longer holds position " + releasedUpTo);
    assertThatThrownBy(() -> reader.seek(Long.MIN_VALUE))
        .isInstanceOf(SegmentedLogStorage.ReleasedPositionException.class);

    // a reader opened now starts at the oldest block still held (its first seek)
    LogStorageReader late = storage.newReader();
    late.seek(Long.MIN_VALUE);
    assertThat(late.next().getLong(0, ByteOrder.BIG_ENDIAN))
        .isEqualTo(storage.usage().releasedBlocks());
  }

  @Test
  void seekFindsTheBlockHoldingThePosition() {
    SegmentedLogStorage storage = new SegmentedLogStorage(4);
    append(storage, 0, 10);
    LogStorageReader reader = storage.newReader();
    reader.seek(55);
    assertThat(reader.next().getLong(0, ByteOrder.BIG_ENDIAN)).isEqualTo(5);
    reader.seek(61);
    assertThat(reader.next().getLong(0, ByteOrder.BIG_ENDIAN)).isEqualTo(6);
    reader.seek(Long.MAX_VALUE);
    assertThat(reader.next().getLong(0, ByteOrder.BIG_ENDIAN)).isEqualTo(9);
    assertThat(reader.hasNext()).isFalse();
  }
}
