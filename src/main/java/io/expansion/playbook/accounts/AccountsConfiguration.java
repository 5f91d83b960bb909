package io.expansion.playbook.accounts;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the accounts package (and the rest of the application). */
@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {

  /** The application clock (UTC); tests replace it with a fixed clock. */
  @Bean
  public Clock clock() {
    return Clock.systemUTC();
  }
}
