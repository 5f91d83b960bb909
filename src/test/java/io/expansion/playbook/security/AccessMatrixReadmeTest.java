package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's access matrix is the one the app enforces, written by {@link AccessMatrixTable}. */
class AccessMatrixReadmeTest {

  private static final String START = "<!-- access-matrix:start -->\n";
  private static final String END = "<!-- access-matrix:end -->";

  @Test
  void theReadmeTableIsTheAccessRules() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf(START);
    int end = readme.indexOf(END);
    assertThat(start).as("README marks the matrix with " + START.trim()).isNotNegative();
    assertThat(readme.substring(start + START.length(), end))
        .as("README table; regenerate it from AccessMatrixTable.markdown()")
        .isEqualTo(AccessMatrixTable.markdown());
  }

  @Test
  void everyRoleAppearsAndLeadershipOnlyReads() {
    String table = AccessMatrixTable.markdown();
    for (Role role : Role.values()) {
      assertThat(table).contains("| " + role.code() + " |");
    }
    for (AccessRule rule : AccessRules.API) {
      if (rule.method() != null && !rule.method().name().equals("GET")) {
        assertThat(rule.grantOf(Role.LEADERSHIP))
            .as("leadership on %s %s", rule.method(), rule.paths())
            .isEmpty();
      }
    }
  }
}
