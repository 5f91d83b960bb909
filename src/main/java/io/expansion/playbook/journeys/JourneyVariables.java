package io.expansion.playbook.journeys;

/** Variables every journey carries, set when it starts. */
public final class JourneyVariables {

  public static final String JOURNEY_ID = "journeyId";
  public static final String ACCOUNT_ID = "accountId";
  public static final String OWNER_CSM = "ownerCsm";
  public static final String SIGNAL = "signal";
  public static final String LOOP = "loop";

  private JourneyVariables() {}
}
