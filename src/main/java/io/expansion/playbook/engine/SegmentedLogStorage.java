package io.expansion.playbook.engine;

import io.camunda.zeebe.logstreams.storage.LogStorage;
import io.camunda.zeebe.logstreams.storage.LogStorageReader;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The embedded engine's log, in memory, in segments of blocks that are dropped once every open
 * reader has passed them.
 *
 * <p>The test engine's own log storage keeps every block for ever, so the heap grows with every
 * journey. Here each {@link #newReader() reader} (the stream processor's, a record tap, the record
 * stream of tests) pins the block it returned last; a segment whose blocks are all below every
 * reader's pin is released. With no reader open nothing is released (nobody has read it yet). A
 * reader that seeks to a released position fails with {@link ReleasedPositionException}: the
 * records are gone and reading on would skip them silently.
 */
public final class SegmentedLogStorage implements LogStorage {

  /** Blocks per segment; a released segment frees this many appended batches at once. */
  public static final int DEFAULT_BLOCKS_PER_SEGMENT = 512;

  private final int blocksPerSegment;
  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private final Set<Reader> readers = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<CommitListener> commitListeners = new CopyOnWriteArrayList<>();

  private long appendedBlocks;
  private long releasedBlocks;
  private long releasedBytes;
  private long retainedBytes;
  private long releasedUpToPosition = -1;

  public SegmentedLogStorage() {
    this(DEFAULT_BLOCKS_PER_SEGMENT);
  }

  public SegmentedLogStorage(int blocksPerSegment) {
    if (blocksPerSegment < 1) {
      throw new IllegalArgumentException("blocksPerSegment must be at least 1");
    }
    this.blocksPerSegment = blocksPerSegment;
  }

  /** What the log holds now and what it has released. */
  public record Usage(
      long appendedBlocks,
      long retainedBlocks,
      long retainedBytes,
      int retainedSegments,
      long releasedBlocks,
      long releasedBytes,
      long releasedUpToPosition,
      int openReaders) {}

  public synchronized Usage usage() {
    return new Usage(
        appendedBlocks,
        appendedBlocks - releasedBlocks,
        retainedBytes,
        segments.size(),
        releasedBlocks,
        releasedBytes,
        releasedUpToPosition,
        readers.size());
  }

  @Override
  public LogStorageReader newReader() {
    Reader reader = new Reader();
    synchronized (this) {
      reader.next = releasedBlocks;
      readers.add(reader);
    }
    return reader;
  }

  @Override
  public void append(
      long lowestPosition, long highestPosition, BufferWriter bufferWriter, AppendListener l) {
    ByteBuffer buffer = ByteBuffer.allocate(bufferWriter.getLength());
    bufferWriter.write(new UnsafeBuffer(buffer), 0);
    append(lowestPosition, highestPosition, buffer, l);
  }

  @Override
  public void append(
      long lowestPosition, long highestPosition, ByteBuffer block, AppendListener listener) {
    long index;
    synchronized (this) {
      Segment last = segments.peekLast();
      if (last == null || last.size == blocksPerSegment) {
        last = new Segment(appendedBlocks, blocksPerSegment);
        segments.addLast(last);
      }
      last.add(lowestPosition, highestPosition, block);
      index = appendedBlocks++;
      retainedBytes += block.capacity();
    }
    listener.onWrite(index, highestPosition);
    listener.onCommit(index, highestPosition);
    commitListeners.forEach(CommitListener::onCommit);
  }

  @Override
  public void addCommitListener(CommitListener listener) {
    commitListeners.add(listener);
  }

  @Override
  public void removeCommitListener(CommitListener listener) {
    commitListeners.remove(listener);
  }

  /** Drops the leading segments every reader is past (never the one being appended to). */
  private void releasePassed() {
    if (readers.isEmpty()) {
      return;
    }
    long lowestPin = Long.MAX_VALUE;
    for (Reader reader : readers) {
      lowestPin = Math.min(lowestPin, reader.pin());
    }
    while (segments.size() > 1 && segments.peekFirst().end() <= lowestPin) {
      Segment released = segments.removeFirst();
      releasedBlocks += released.size;
      releasedBytes += released.bytes;
      retainedBytes -= released.bytes;
      releasedUpToPosition = released.highestPositions[released.size - 1];
    }
  }

  /** Index of the block holding {@code position}, or of the last block below it. */
  private long indexOf(long position) {
    Segment first = segments.peekFirst();
    if (first == null || position < first.lowestPositions[0]) {
      return releasedBlocks;
    }
    Segment found = first;
    for (Segment segment : segments) {
      if (segment.lowestPositions[0] > position) {
        break;
      }
      found = segment;
    }
    int slot = Arrays.binarySearch(found.lowestPositions, 0, found.size, position);
    return found.first + (slot >= 0 ? slot : -slot - 2);
  }

  private Segment segmentOf(long index) {
    for (Segment segment : segments) {
      if (index < segment.end()) {
        return segment;
      }
    }
    throw new NoSuchElementException("No block " + index);
  }

  /** A reader asked for records the log has released because every reader had passed them. */
  public static final class ReleasedPositionException extends IllegalStateException {
    ReleasedPositionException(long position, long releasedUpTo) {
      super(
          "The embedded engine's log no longer holds position "
              + position
              + ": positions up to "
              + releasedUpTo
              + " were released once every reader had passed them. Readers that need the whole"
              + " record stream (tests) must be open from the start"
              + " (expansion.engine.embedded-record-stream=true).");
    }
  }

  private static final class Segment {
    final long first;
    final long[] lowestPositions;
    final long[] highestPositions;
    final List<ByteBuffer> blocks;
    int size;
    long bytes;

    Segment(long first, int capacity) {
      this.first = first;
      this.lowestPositions = new long[capacity];
      this.highestPositions = new long[capacity];
      this.blocks = new ArrayList<>(capacity);
    }

    void add(long lowest, long highest, ByteBuffer block) {
      lowestPositions[size] = lowest;
      highestPositions[size] = highest;
      blocks.add(block);
      size++;
      bytes += block.capacity();
    }

    long end() {
      return first + size;
    }
  }

  private final class Reader implements LogStorageReader {
    /** Index of the block {@link #next()} returns. */
    long next;

    /** Index of the block returned last (still being read), -1 before the first. */
    long returned = -1;

    boolean sought;
    boolean closed;

    long pin() {
      return returned >= 0 ? Math.min(returned, next) : next;
    }

    @Override
    public void seek(long position) {
      synchronized (SegmentedLogStorage.this) {
        ensureOpen();
        // A new LogStreamReader seeks to the first event once, on construction: it then starts at
        // the first block still held. Any later seek below that is a read of released records.
        if (releasedUpToPosition >= 0 && position <= releasedUpToPosition && sought) {
          throw new ReleasedPositionException(position, releasedUpToPosition);
        }
        sought = true;
        next = Math.min(indexOf(position), Math.max(appendedBlocks - 1, releasedBlocks));
        returned = -1;
      }
    }

    @Override
    public boolean hasNext() {
      synchronized (SegmentedLogStorage.this) {
        return !closed && next < appendedBlocks;
      }
    }

    @Override
    public DirectBuffer next() {
      synchronized (SegmentedLogStorage.this) {
        ensureOpen();
        if (next >= appendedBlocks) {
          throw new NoSuchElementException();
        }
        if (next < releasedBlocks) {
          throw new ReleasedPositionException(-1, releasedUpToPosition);
        }
        Segment segment = segmentOf(next);
        ByteBuffer block = segment.blocks.get((int) (next - segment.first));
        returned = next++;
        if (returned - releasedBlocks >= 2L * blocksPerSegment) {
          releasePassed();
        }
        return new UnsafeBuffer(block);
      }
    }

    @Override
    public void close() {
      synchronized (SegmentedLogStorage.this) {
        closed = true;
        readers.remove(this);
      }
    }

    private void ensureOpen() {
      if (closed) {
        throw new IllegalStateException("This log reader is closed");
      }
    }
  }
}
