package io.expansion.playbook.accounts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Finds and parses column-mapping files. A named mapping is {@code <name>.yml}, {@code .yaml} or
 * {@code .json} in {@code expansion.import.mappings-dir} (if set) or on the classpath under {@code
 * mappings/}. Unknown keys in a mapping are errors, so a typo does not silently map nothing.
 */
@Component
public class BookMappings {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,79}");
  private static final List<String> EXTENSIONS = List.of(".yml", ".yaml", ".json");

  private final ObjectMapper yaml =
      YAMLMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final ObjectMapper json =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
  private final String mappingsDir;

  public BookMappings(@Value("${expansion.import.mappings-dir:}") String mappingsDir) {
    this.mappingsDir = mappingsDir;
  }

  /**
   * Loads a named mapping.
   *
   * @throws IllegalArgumentException when there is no such mapping or it is invalid
   */
  public BookMapping named(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("Invalid mapping name '" + name + "'");
    }
    for (String extension : EXTENSIONS) {
      if (mappingsDir != null && !mappingsDir.isBlank()) {
        Path file = Path.of(mappingsDir, name + extension);
        if (Files.isRegularFile(file)) {
          try {
            return parse(Files.readString(file), file.toString());
          } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read mapping " + file, e);
          }
        }
      }
      ClassPathResource resource = new ClassPathResource("mappings/" + name + extension);
      if (resource.exists()) {
        try (InputStream in = resource.getInputStream()) {
          return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + extension);
        } catch (IOException e) {
          throw new IllegalArgumentException("Cannot read mapping " + name + extension, e);
        }
      }
    }
    throw new IllegalArgumentException("Unknown mapping '" + name + "'");
  }

  /**
   * A mapping given by name, or as a {@code .yml}/{@code .yaml}/{@code .json} file (a path or a
   * resource URL).
   */
  public BookMapping resolve(String nameOrFile, ResourceLoader resources) throws IOException {
    if (nameOrFile.endsWith(".yml")
        || nameOrFile.endsWith(".yaml")
        || nameOrFile.endsWith(".json")) {
      Resource file = resources.getResource(BookLocations.url(nameOrFile));
      return parse(file.getContentAsString(StandardCharsets.UTF_8), nameOrFile);
    }
    return named(nameOrFile);
  }

  /**
   * Parses a mapping file (JSON when it starts with '{', YAML otherwise) and checks it.
   *
   * @throws IllegalArgumentException naming the problem and where it is
   */
  public BookMapping parse(String content, String description) {
    if (content == null || content.isBlank()) {
      throw new IllegalArgumentException("Mapping " + description + " is empty");
    }
    ObjectMapper mapper = content.stripLeading().startsWith("{") ? json : yaml;
    BookMapping mapping;
    try {
      mapping = mapper.readValue(content, BookMapping.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Invalid mapping " + description + ": " + e.getOriginalMessage() + location(e), e);
    }
    if (mapping == null) {
      throw new IllegalArgumentException("Mapping " + description + " is empty");
    }
    mapping.check();
    return mapping;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }
}
