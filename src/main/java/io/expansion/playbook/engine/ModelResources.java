package io.expansion.playbook.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The BPMN, DMN and form files the engine runs: read from the {@code bpmn/} and {@code forms/}
 * folders when the app runs from the project (so an ops designer's edit is picked up on restart),
 * otherwise from the copies packaged in the jar.
 */
@Component
public class ModelResources {

  /** One model or form file. */
  public record ModelFile(String name, byte[] content) {}

  private final EngineProperties properties;
  private final PathMatchingResourcePatternResolver resolver =
      new PathMatchingResourcePatternResolver();

  public ModelResources(EngineProperties properties) {
    this.properties = properties;
  }

  public List<ModelFile> models() {
    return load(properties.modelsDir(), "models", ".bpmn", ".dmn");
  }

  public List<ModelFile> forms() {
    return load(properties.formsDir(), "forms", ".form");
  }

  private List<ModelFile> load(Path dir, String classpathFolder, String... suffixes) {
    List<ModelFile> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> paths = Files.list(dir)) {
        for (Path path : paths.sorted().toList()) {
          if (matches(path.getFileName().toString(), suffixes)) {
            files.add(new ModelFile(path.getFileName().toString(), Files.readAllBytes(path)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + dir.toAbsolutePath(), e);
      }
      return files;
    }
    try {
      Resource[] resources = resolver.getResources("classpath*:/" + classpathFolder + "/*");
      for (Resource resource : resources) {
        String name = resource.getFilename();
        if (name != null && matches(name, suffixes)) {
          files.add(new ModelFile(name, resource.getContentAsByteArray()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read packaged " + classpathFolder, e);
    }
    files.sort(Comparator.comparing(ModelFile::name));
    return files;
  }

  private static boolean matches(String name, String... suffixes) {
    for (String suffix : suffixes) {
      if (name.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }
}
