package io.expansion.playbook.accounts;

import io.expansion.playbook.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code POST /api/imports} (multipart: {@code file} plus {@code mapping} name or {@code
 * mappingFile}) starts an import in the background; {@code GET /api/imports/{id}} shows its
 * progress; {@code GET /api/imports} lists the latest runs.
 */
@RestController
class ImportController {

  private final BookImports imports;
  private final BookMappings mappings;
  private final ImportRuns runs;

  ImportController(BookImports imports, BookMappings mappings, ImportRuns runs) {
    this.imports = imports;
    this.mappings = mappings;
    this.runs = runs;
  }

  /** The answer to an accepted upload. */
  record Submitted(String id, String state, String mapping, String status) {}

  @PostMapping(value = "/api/imports", consumes = "multipart/form-data")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Submitted submit(
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "mapping", required = false) String mappingName,
      @RequestPart(name = "mappingFile", required = false) MultipartFile mappingFile) {
    if (file == null || file.isEmpty()) {
      throw ApiException.badRequest("Part 'file' (the CSV book) is required and must not be empty");
    }
    if ((mappingName == null || mappingName.isBlank()) == (mappingFile == null)) {
      throw ApiException.badRequest(
          "Give exactly one of 'mapping' (a mapping name, e.g. telco or crm-export) or"
              + " 'mappingFile' (a YAML or JSON mapping file)");
    }
    try (InputStream upload = file.getInputStream()) {
      BookMapping mapping =
          mappingFile != null
              ? mappings.parse(
                  new String(mappingFile.getBytes(), StandardCharsets.UTF_8),
                  mappingFile.getOriginalFilename() == null
                      ? "upload"
                      : mappingFile.getOriginalFilename())
              : mappings.named(mappingName);
      String id = imports.submit(upload, file.getOriginalFilename(), mapping);
      return new Submitted(id, ImportRun.QUEUED, mapping.name(), "/api/imports/" + id);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    } catch (IOException e) {
      throw ApiException.badRequest("Cannot read the upload: " + e.getMessage());
    }
  }

  @GetMapping("/api/imports/{id}")
  ImportRun run(@PathVariable String id) {
    return runs.find(id).orElseThrow(() -> ApiException.notFound("Unknown import '" + id + "'"));
  }

  @GetMapping("/api/imports")
  List<ImportRun> latest(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 200) {
      throw ApiException.badRequest("limit must be between 1 and 200");
    }
    return runs.latest(limit);
  }
}
