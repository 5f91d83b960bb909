package io.expansion.playbook.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The scoring configuration is checked when the application starts. */
class ScoringPropertiesTest {

  @Configuration
  @EnableConfigurationProperties(ScoringProperties.class)
  static class Config {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withInitializer(
              context -> {
                try {
                  new org.springframework.boot.env.YamlPropertySourceLoader()
                      .load(
                          "application",
                          new org.springframework.core.io.ClassPathResource("application.yml"))
                      .forEach(context.getEnvironment().getPropertySources()::addLast);
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .withConfiguration(
              org.springframework.boot.autoconfigure.AutoConfigurations.of(
                  ConfigurationPropertiesAutoConfiguration.class,
                  ValidationAutoConfiguration.class))
          .withUserConfiguration(Config.class);

  @Test
  void applicationYmlIsValid() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(ScoringProperties.class).stages().preRenewal().baseline())
              .isEqualTo(60);
        });
  }

  @Test
  void aWeightOutOfRangeStopsStartUp() {
    runner
        .withPropertyValues("expansion.scoring.stages.onboarding.weights.nps=80")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("weight of nps must be between 0 and 50"));
  }

  @Test
  void anUnknownFactorStopsStartUp() {
    runner
        .withPropertyValues("expansion.scoring.stages.established.weights.happiness=5")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void aBaselineOutOfRangeStopsStartUp() {
    runner
        .withPropertyValues("expansion.scoring.stages.established.baseline=150")
        .run(
            context ->
                assertThat(context).hasFailed().getFailure().hasStackTraceContaining("baseline"));
  }
}
