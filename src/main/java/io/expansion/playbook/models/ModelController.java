package io.expansion.playbook.models;

import io.expansion.playbook.decisions.DecisionLog;
import io.expansion.playbook.engine.ModelResources.ModelFile;
import io.expansion.playbook.web.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code POST /api/models} deploys uploaded BPMN, DMN and form files after validating them (400
 * naming each file, element and problem; nothing deployed); {@code GET /api/models}, its versions,
 * a version's content (XML or JSON, as bpmn-js and form-js read it) and the diff of two versions.
 */
@RestController
class ModelController {

  /** A stored version without its content. */
  record VersionView(
      String kind,
      String id,
      int version,
      String resourceName,
      String hash,
      OffsetDateTime deployedAt,
      String deployedBy,
      Long engineKey,
      String content) {
    static VersionView of(ModelVersion v) {
      return new VersionView(
          v.kind(),
          v.resourceId(),
          v.version(),
          v.resourceName(),
          v.hash(),
          v.deployedAt(),
          v.deployedBy(),
          v.engineKey(),
          "/api/models/" + v.resourceId() + "/versions/" + v.version());
    }
  }

  /** 400 body of a rejected upload. */
  record Rejected(
      int status, String error, String message, List<ModelProblem> problems, OffsetDateTime at) {}

  private final ModelDeployments deployments;
  private final ModelVersions versions;
  private final DecisionLog decisions;

  ModelController(ModelDeployments deployments, ModelVersions versions, DecisionLog decisions) {
    this.deployments = deployments;
    this.versions = versions;
    this.decisions = decisions;
  }

  @PostMapping(value = "/api/models", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseStatus(HttpStatus.CREATED)
  ModelDeployments.Result deploy(MultipartHttpServletRequest request) {
    List<ModelFile> files = new ArrayList<>();
    for (MultipartFile part :
        request.getMultiFileMap().values().stream().flatMap(List::stream).toList()) {
      if (part.getOriginalFilename() == null || part.getOriginalFilename().isBlank()) {
        throw ApiException.badRequest("Part '" + part.getName() + "' has no file name");
      }
      try {
        files.add(new ModelFile(part.getOriginalFilename(), part.getBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (files.isEmpty()) {
      throw ApiException.badRequest("Upload one or more .bpmn, .dmn or .form files");
    }
    String actor = decisions.currentActor().name();
    ModelDeployments.Result result = deployments.validateAndDeploy(files, actor);
    for (ModelDeployments.Deployed d : result.versions()) {
      decisions.record(
          null,
          null,
          null,
          "model-deployment",
          d.created() ? "NEW_VERSION" : "UNCHANGED",
          d.kind() + " " + d.resourceId() + " version " + d.version(),
          Map.of(
              "deploymentKey",
              result.deploymentKey(),
              "files",
              files.stream().map(ModelFile::name).toList()));
    }
    return result;
  }

  @GetMapping("/api/models")
  List<VersionView> models() {
    return versions.latestOfEach().stream().map(VersionView::of).toList();
  }

  @GetMapping("/api/models/{id}/versions")
  List<VersionView> versions(@PathVariable String id) {
    List<ModelVersion> all = versions.versions(id);
    if (all.isEmpty()) {
      throw ApiException.notFound("No model with id " + id);
    }
    return all.stream().map(VersionView::of).toList();
  }

  @GetMapping("/api/models/{id}/versions/{version}")
  ResponseEntity<String> content(@PathVariable String id, @PathVariable int version) {
    ModelVersion v = find(id, version);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(v.mediaType()))
        .body(v.content());
  }

  @GetMapping("/api/models/{id}/diff")
  ModelDiff.Result diff(@PathVariable String id, @RequestParam int from, @RequestParam int to) {
    ModelVersion a = find(id, from);
    ModelVersion b = find(id, to);
    if (!a.kind().equals(b.kind())) {
      throw ApiException.badRequest("Versions " + from + " and " + to + " are different kinds");
    }
    return ModelDiff.between(a, b);
  }

  private ModelVersion find(String id, int version) {
    return versions
        .find(id, version)
        .orElseThrow(() -> ApiException.notFound("Model " + id + " has no version " + version));
  }

  @ExceptionHandler(ModelRejectedException.class)
  ResponseEntity<Rejected> rejected(ModelRejectedException e) {
    HttpStatus status = HttpStatus.BAD_REQUEST;
    return ResponseEntity.status(status)
        .body(
            new Rejected(
                status.value(),
                status.getReasonPhrase(),
                "Nothing was deployed: " + e.getMessage(),
                e.problems(),
                OffsetDateTime.now()));
  }
}
