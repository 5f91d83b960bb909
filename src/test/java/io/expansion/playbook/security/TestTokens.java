package io.expansion.playbook.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * An identity provider in the test: an RSA key generated per run, the API's {@link JwtDecoder} for
 * its public half, and tokens shaped like Keycloak's ({@code realm_access.roles}, {@code groups}).
 */
@TestConfiguration(proxyBeanMethods = false)
class TestTokens {

  static final String ISSUER = "https://idp.test/realms/expansion";

  private final RSAKey key = generate();
  private final RSAKey stranger = generate();

  @Bean
  JwtDecoder jwtDecoder() throws JOSEException {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey()).build();
    decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
    return decoder;
  }

  @Bean
  Tokens tokens() {
    return new Tokens(key, stranger);
  }

  /** Mints bearer tokens. */
  record Tokens(RSAKey key, RSAKey stranger) {

    String token(String user, List<String> roles, List<String> groups) {
      return sign(key, claims(user, roles, groups, Instant.now().plusSeconds(300), ISSUER));
    }

    String expired(String user, List<String> roles) {
      return sign(key, claims(user, roles, List.of(), Instant.now().minusSeconds(600), ISSUER));
    }

    String otherIssuer(String user, List<String> roles) {
      return sign(
          key,
          claims(user, roles, List.of(), Instant.now().plusSeconds(300), "https://other.test"));
    }

    String signedByStranger(String user, List<String> roles) {
      return sign(stranger, claims(user, roles, List.of(), Instant.now().plusSeconds(300), ISSUER));
    }

    private static JwtClaimsSet claims(
        String user, List<String> roles, List<String> groups, Instant expires, String issuer) {
      JwtClaimsSet.Builder claims =
          JwtClaimsSet.builder()
              .issuer(issuer)
              .subject("uuid-" + user)
              .issuedAt(expires.minusSeconds(900))
              .expiresAt(expires)
              .claim("preferred_username", user)
              .claim("name", "Token " + user)
              .claim("realm_access", Map.of("roles", roles));
      if (!groups.isEmpty()) {
        claims.claim("groups", groups);
      }
      return claims.build();
    }

    private static String sign(RSAKey key, JwtClaimsSet claims) {
      NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
      JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).build();
      return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID("test-" + System.nanoTime()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
