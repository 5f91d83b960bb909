/**
 * Sign-in and roles: who may see and do what. Two filter chains — the API ({@link
 * io.expansion.playbook.security.ApiSecurity}: HTTP Basic, {@code X-API-Key}, bearer JWT, the
 * browser's session; JSON 401/403) and the browser ({@link
 * io.expansion.playbook.security.BrowserSecurity}: login form, OIDC login, logout) — both
 * authorised by the one access matrix, {@link io.expansion.playbook.security.AccessRules}. {@link
 * io.expansion.playbook.security.CurrentUser} tells controllers who is asking and the decision log
 * who acted.
 */
package io.expansion.playbook.security;
