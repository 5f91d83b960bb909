package io.expansion.playbook.models;

import io.expansion.playbook.engine.EngineProperties;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Dev mode ({@code expansion.models.watch=true}): a BPMN or DMN file saved in {@code bpmn/} is
 * deployed through the same validation as an upload; a rejected file is logged with its problems
 * and nothing is deployed.
 */
@Component
@ConditionalOnProperty(name = "expansion.models.watch", havingValue = "true")
class ModelWatcher implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ModelWatcher.class);
  private static final long SETTLE_MILLIS = 300;

  private final ModelDeployments deployments;
  private final Path dir;
  private volatile WatchService watch;
  private volatile Thread thread;

  ModelWatcher(ModelDeployments deployments, EngineProperties engine) {
    this.deployments = deployments;
    this.dir = engine.modelsDir();
  }

  @Override
  public void start() {
    if (!Files.isDirectory(dir)) {
      LOG.warn("expansion.models.watch is on but {} is not a folder", dir.toAbsolutePath());
      return;
    }
    try {
      watch = dir.getFileSystem().newWatchService();
      dir.register(
          watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot watch " + dir.toAbsolutePath(), e);
    }
    thread = new Thread(this::run, "model-watcher");
    thread.setDaemon(true);
    thread.start();
    LOG.info("Watching {} for saved models", dir.toAbsolutePath());
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = watch.take();
        Set<String> saved = new TreeSet<>();
        collect(key, saved);
        // an editor saves in several writes: wait until the folder is quiet
        WatchKey more;
        while ((more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS)) != null) {
          collect(more, saved);
        }
        saved.forEach(this::deploy);
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void collect(WatchKey key, Set<String> saved) {
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.context() instanceof Path name) {
        String file = name.toString();
        if (file.endsWith(".bpmn") || file.endsWith(".dmn")) {
          saved.add(file);
        }
      }
    }
    key.reset();
  }

  private void deploy(String name) {
    try {
      byte[] content = Files.readAllBytes(dir.resolve(name));
      var result = deployments.validateAndDeploy(List.of(new ModelFile(name, content)), "watch");
      LOG.info("Saved {} deployed: {}", name, result.versions());
    } catch (ModelRejectedException e) {
      LOG.warn("Saved {} not deployed: {}", name, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warn("Saved {} could not be deployed: {}", name, e.getMessage());
    }
  }

  @Override
  public void stop() {
    try {
      if (watch != null) {
        watch.close();
      }
    } catch (IOException e) {
      LOG.debug("Closing the model watcher", e);
    }
    thread = null;
  }

  @Override
  public boolean isRunning() {
    return thread != null;
  }

  /** After the start-up deployment. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 2048;
  }
}
