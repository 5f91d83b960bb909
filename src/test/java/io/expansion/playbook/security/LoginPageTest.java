package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * {@code expansion.security.login-page} set: the front end owns the login page, Spring Security
 * only redirects to it and still takes the form at {@code POST /login}.
 */
@SpringBootTest(
    properties = {
      "spring.datasource.url=jdbc:h2:mem:login-page;DB_CLOSE_DELAY=-1",
      "expansion.engine.embedded-port=0",
      "expansion.demo.load-book=false",
      "expansion.plays.renewal.plan-on-startup=false",
      "expansion.security.login-page=/sign-in"
    })
@AutoConfigureMockMvc
class LoginPageTest {

  @Autowired private MockMvc mvc;

  @Test
  void pagesRedirectToTheFrontEndsLoginPageAndTheFormStillSignsIn() throws Exception {
    MockHttpServletResponse page = mvc.perform(get("/inbox")).andReturn().getResponse();
    assertThat(page.getRedirectedUrl()).endsWith("/sign-in");
    // the page itself is open (the front end serves it; here nothing does, so 404)
    assertThat(mvc.perform(get("/sign-in")).andReturn().getResponse().getStatus()).isEqualTo(404);
    // Spring Security no longer renders its own page (GET /login is the workspace's page)
    MockHttpServletResponse generated = mvc.perform(get("/login")).andReturn().getResponse();
    assertThat(generated.getContentAsString()).doesNotContain("name=\"username\"");

    MvcResult wrong = mvc.perform(formLogin().user("ops").password("guess")).andReturn();
    assertThat(wrong.getResponse().getRedirectedUrl()).isEqualTo("/sign-in?error");
    MvcResult signedIn = mvc.perform(formLogin().user("ops").password("demo")).andReturn();
    assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");
    MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);
    assertThat(
            mvc.perform(get("/api/scoring/models").session(session))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(200);

    MockHttpServletResponse out =
        mvc.perform(post("/logout").session(session).with(csrf())).andReturn().getResponse();
    assertThat(out.getRedirectedUrl()).isEqualTo("/sign-in?logout");
  }
}
