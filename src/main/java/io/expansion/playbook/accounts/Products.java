package io.expansion.playbook.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Product codes an account can own, and the plan facts derived from them. */
public final class Products {

  public static final String PHONE = "PHONE";
  public static final String MULTIPLE_LINES = "MULTIPLE_LINES";
  public static final String INTERNET_DSL = "INTERNET_DSL";
  public static final String INTERNET_FIBER = "INTERNET_FIBER";
  public static final String ONLINE_SECURITY = "ONLINE_SECURITY";
  public static final String ONLINE_BACKUP = "ONLINE_BACKUP";
  public static final String DEVICE_PROTECTION = "DEVICE_PROTECTION";
  public static final String TECH_SUPPORT = "TECH_SUPPORT";
  public static final String STREAMING_TV = "STREAMING_TV";
  public static final String STREAMING_MOVIES = "STREAMING_MOVIES";
  public static final String CONTRACT_MONTHLY = "CONTRACT_MONTHLY";
  public static final String CONTRACT_ONE_YEAR = "CONTRACT_ONE_YEAR";
  public static final String CONTRACT_TWO_YEAR = "CONTRACT_TWO_YEAR";

  /** The six internet add-ons, in the order of the Telco book's columns. */
  public static final List<String> ADD_ONS =
      List.of(
          ONLINE_SECURITY,
          ONLINE_BACKUP,
          DEVICE_PROTECTION,
          TECH_SUPPORT,
          STREAMING_TV,
          STREAMING_MOVIES);

  /** Products that count as a seat / licence: phone, extra lines and the six add-ons. */
  public static final Set<String> SERVICE_PRODUCTS =
      Set.of(
          PHONE,
          MULTIPLE_LINES,
          ONLINE_SECURITY,
          ONLINE_BACKUP,
          DEVICE_PROTECTION,
          TECH_SUPPORT,
          STREAMING_TV,
          STREAMING_MOVIES);

  public static final String TIER_FIBER = "fiber";
  public static final String TIER_DSL = "dsl";
  public static final String TIER_PHONE_ONLY = "phone-only";

  private Products() {}

  /** {@code fiber}, {@code dsl} or {@code phone-only}, from the internet product owned. */
  public static String planTier(Collection<String> owned) {
    if (owned.contains(INTERNET_FIBER)) {
      return TIER_FIBER;
    }
    if (owned.contains(INTERNET_DSL)) {
      return TIER_DSL;
    }
    return TIER_PHONE_ONLY;
  }

  /** Number of owned {@link #SERVICE_PRODUCTS}. */
  public static int licencesUsed(Collection<String> owned) {
    return (int) owned.stream().filter(SERVICE_PRODUCTS::contains).distinct().count();
  }
}
