package io.expansion.playbook.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.support.Fixtures;
import jakarta.servlet.http.Cookie;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The browser, step by step as a browser takes them: the redirect to the login page, the page's
 * CSRF token, the login form, the session on the API — where every state change needs the {@code
 * XSRF-TOKEN} cookie's value in {@code X-XSRF-TOKEN}, as a single-page app sends it — and logout.
 * (Spring Security's {@code csrf()} test helper would swap the token store for its own, so these
 * tests send real tokens; {@link LoginPageTest} uses the helpers.)
 */
@TestConstructor(autowireMode = TestConstructor.AutowireMode.ALL)
class BrowserSessionTest extends SecurityTestBase {

  private static final Pattern HIDDEN_CSRF =
      Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final MockMvc mvc;
  private final ObjectMapper json = new ObjectMapper();

  BrowserSessionTest(ApplicationContext context, MockMvc mvc) {
    super(context);
    this.mvc = mvc;
  }

  /** A browser's state: its session and its XSRF-TOKEN cookie. */
  record Browser(MockHttpSession session, Cookie xsrf) {}

  @Test
  void pagesRedirectToTheGeneratedLoginPageWhichCarriesTheCsrfToken() throws Exception {
    MockHttpServletResponse page =
        mvc.perform(get("/accounts/TELCO-0001")).andReturn().getResponse();
    assertThat(page.getStatus()).isEqualTo(302);
    assertThat(page.getRedirectedUrl()).endsWith("/login");

    MockHttpServletResponse login = mvc.perform(get("/login")).andReturn().getResponse();
    assertThat(login.getStatus()).isEqualTo(200);
    assertThat(login.getContentAsString()).contains("name=\"username\"", "name=\"_csrf\"");
    Cookie xsrf = login.getCookie("XSRF-TOKEN");
    assertThat(xsrf).isNotNull();
    assertThat(xsrf.isHttpOnly()).isFalse();
    assertThat(login.getHeader("Content-Security-Policy")).contains("default-src 'self'");

    // a front end's static assets are open
    assertThat(mvc.perform(get("/assets/app.js")).andReturn().getResponse().getStatus())
        .isNotIn(302, 401, 403);
  }

  @Test
  void theLoginFormNeedsTheCsrfTokenAndTheRightPassword() throws Exception {
    MockHttpServletResponse forged =
        mvc.perform(post("/login").param("username", "csm-03").param("password", PASSWORD))
            .andReturn()
            .getResponse();
    assertThat(forged.getStatus()).isEqualTo(403);
    assertThat(forged.getHeader("Set-Cookie")).doesNotContain("JSESSIONID");

    MockHttpServletResponse wrong = submitLogin("csm-03", "guess").getResponse();
    assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
  }

  @Test
  void aSignedInSessionUsesTheApiAndItsStateChangesNeedTheCsrfToken() throws Exception {
    String account = fixtures.healthyAccount(Fixtures.allChannels(true)); // csm-01's
    Browser browser = signIn("csm-01");

    MockHttpServletResponse me =
        mvc.perform(get("/api/me").session(browser.session())).andReturn().getResponse();
    assertThat(me.getStatus()).isEqualTo(200);
    assertThat(json.readTree(me.getContentAsString()).path("username").asText())
        .isEqualTo("csm-01");

    String change = "{\"channel\":\"email\",\"optedIn\":false,\"source\":\"customer call\"}";
    String path = "/api/contacts/" + account + "-C1/consents";
    MockHttpServletResponse withoutToken =
        mvc.perform(
                post(path)
                    .session(browser.session())
                    .cookie(browser.xsrf())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(change))
            .andReturn()
            .getResponse();
    assertThat(withoutToken.getStatus()).isEqualTo(403);
    assertThat(json.readTree(withoutToken.getContentAsString()).path("message").asText())
        .contains("CSRF", "X-XSRF-TOKEN");
    MockHttpServletResponse wrongToken =
        mvc.perform(
                post(path)
                    .session(browser.session())
                    .cookie(browser.xsrf())
                    .header("X-XSRF-TOKEN", "forged")
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(change))
            .andReturn()
            .getResponse();
    assertThat(wrongToken.getStatus()).isEqualTo(403);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM consent_changes WHERE contact_id = ?")
                .param(account + "-C1")
                .query(Integer.class)
                .single())
        .isZero();

    MockHttpServletResponse withToken =
        mvc.perform(
                post(path)
                    .session(browser.session())
                    .cookie(browser.xsrf())
                    .header("X-XSRF-TOKEN", browser.xsrf().getValue())
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(change))
            .andReturn()
            .getResponse();
    assertThat(withToken.getStatus()).as(withToken.getContentAsString()).isEqualTo(201);
    assertThat(decision(account, "consent-change").actor()).isEqualTo("csm-01");

    // HTTP Basic carries its own credentials: no token needed, no session made
    MockHttpServletResponse basic =
        mvc.perform(
                post(path)
                    .with(httpBasic("csm-01", PASSWORD))
                    .contentType(MediaType.APPLICATION_JSON)
                    .content(change.replace("email", "sms")))
            .andReturn()
            .getResponse();
    assertThat(basic.getStatus()).isIn(200, 201);

    MockHttpServletResponse out =
        mvc.perform(
                post("/logout")
                    .session(browser.session())
                    .cookie(browser.xsrf())
                    .header("X-XSRF-TOKEN", browser.xsrf().getValue()))
            .andReturn()
            .getResponse();
    assertThat(out.getRedirectedUrl()).isEqualTo("/login?logout");
    assertThat(browser.session().isInvalid()).isTrue();
  }

  @Test
  void logoutWithoutTheCsrfTokenIsRefused() throws Exception {
    Browser browser = signIn("leader");
    MockHttpServletResponse forged =
        mvc.perform(post("/logout").session(browser.session())).andReturn().getResponse();
    assertThat(forged.getStatus()).isEqualTo(403);
    assertThat(browser.session().isInvalid()).isFalse();
    assertThat(
            mvc.perform(get("/api/plays").session(browser.session()))
                .andReturn()
                .getResponse()
                .getStatus())
        .isEqualTo(200);
  }

  /** Opens the login page and posts its form with the page's masked token. */
  private Browser signIn(String user) throws Exception {
    MvcResult result = submitLogin(user, PASSWORD);
    assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
    MockHttpSession session = (MockHttpSession) result.getRequest().getSession(false);
    assertThat(session).isNotNull();
    // signing in clears the token; the next answer (here the app asking who is signed in) sets a
    // new one, which a script reads from the cookie
    MockHttpServletResponse me =
        mvc.perform(get("/api/me").session(session)).andReturn().getResponse();
    Cookie xsrf = me.getCookie("XSRF-TOKEN");
    assertThat(xsrf).isNotNull();
    assertThat(xsrf.getValue()).isNotBlank();
    return new Browser(session, xsrf);
  }

  private MvcResult submitLogin(String user, String password) throws Exception {
    MockHttpServletResponse page = mvc.perform(get("/login")).andReturn().getResponse();
    Matcher hidden = HIDDEN_CSRF.matcher(page.getContentAsString());
    assertThat(hidden.find()).as(page.getContentAsString()).isTrue();
    return mvc.perform(
            post("/login")
                .cookie(page.getCookie("XSRF-TOKEN"))
                .param("username", user)
                .param("password", password)
                .param("_csrf", hidden.group(1)))
        .andReturn();
  }
}
