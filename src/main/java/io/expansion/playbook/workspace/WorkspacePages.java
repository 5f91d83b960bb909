package io.expansion.playbook.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The single-page app's shell ({@code static/index.html}, built from {@code src/main/frontend}) for
 * every page URL, so each page works after a reload; the app's script draws the page. Built with
 * {@code -Dfrontend.skip=true}, a page says how to build the front end.
 */
@RestController
class WorkspacePages {

  private static final String NOT_BUILT =
      """
      <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Expansion Playbook</title>
      </head><body><main><h1>The workspace is not built</h1><p>This jar was built with
      <code>-Dfrontend.skip=true</code>. Build it with <code>./mvnw package</code> (needs npm),
      or use the API (README, "Try it").</p></main></body></html>
      """;

  @GetMapping(
      value = {
        "/",
        "/login",
        "/queue",
        "/inbox",
        "/tasks/{id}",
        "/accounts/{id}",
        "/approvals",
        "/dashboard",
        "/processes",
        "/processes/{processId}",
        "/models",
        "/imports"
      },
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page() throws IOException {
    ClassPathResource index = new ClassPathResource("static/index.html");
    String html = index.exists() ? index.getContentAsString(StandardCharsets.UTF_8) : NOT_BUILT;
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(html);
  }
}
