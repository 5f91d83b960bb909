package io.expansion.playbook.scoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.expansion.playbook.decisions.DecisionLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The score-card versions: the configured stage weights are registered as version {@code
 * config-<hash of the weights>} (editing application.yml makes a new one, active unless a
 * calibrated version is); each calibration adds {@code calibrated-<n>}. Scoring uses the active
 * version.
 */
@Service
public class ModelRegistry {

  public static final String CONFIG = "config";
  public static final String CALIBRATED = "calibrated";

  private final ScoringModels models;
  private final ScoringProperties properties;
  private final ObjectMapper json;
  private final DecisionLog decisions;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final String configVersion;
  private final Map<String, Active> parsed = new ConcurrentHashMap<>();
  private final TransactionTemplate ownTransaction;
  private volatile boolean registered;

  public ModelRegistry(
      ScoringModels models,
      ScoringProperties properties,
      ObjectMapper json,
      DecisionLog decisions,
      Clock clock,
      ApplicationEventPublisher events,
      PlatformTransactionManager transactions) {
    this.models = models;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
    this.json = json;
    this.decisions = decisions;
    this.clock = clock;
    this.events = events;
    this.configVersion = CONFIG + "-" + hash(write(configDefinition()));
  }

  /**
   * The version scoring uses.
   *
   * @param model the calibrated score card or boosted trees; {@code null} for a configured version
   * @param protectedNames normalised attribute names the model must never read
   */
  public record Active(
      String version, String kind, FittedModel model, Set<String> protectedNames) {}

  /** The version of the configured stage weights. */
  public String configVersion() {
    return configVersion;
  }

  /** The active version (registering the configured one first if needed). */
  public Active active() {
    registerConfig();
    String version = models.activeVersion().orElse(configVersion);
    return parsed.computeIfAbsent(version, this::load);
  }

  /** Stores a calibration as a new version, optionally activating it. */
  public ScoringModels.Row saveCalibration(Calibrator.Result result, boolean activate) {
    registerConfig();
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("type", result.model().modelType());
    if (result.model() instanceof GbtModel trees) {
      definition.put("gbt", trees.definition());
    } else {
      definition.put("scorecard", result.scorecard());
    }
    definition.put("protectedAttributes", properties.calibration().protectedAttributes());
    String artifact =
        result.artifact() == null ? null : Base64.getEncoder().encodeToString(result.artifact());
    OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    long next = models.count(CALIBRATED) + 1;
    String version = CALIBRATED + "-" + next;
    while (!models.insert(
        version, CALIBRATED, now, write(definition), write(result.metrics()), artifact)) {
      version = CALIBRATED + "-" + ++next;
    }
    if (activate) {
      models.activate(version);
      events.publishEvent(new ScoringModelActivated(version));
    }
    return models.find(version).orElseThrow();
  }

  /** A calibrated version's model as stored (loaded once), or {@code null} for a configured one. */
  public FittedModel model(String version) {
    return parsed.computeIfAbsent(version, this::load).model();
  }

  /**
   * Makes a version active for later scorings, recorded as a decision (rule {@code
   * model-activation}) by whoever activated it, and announces a change ({@link
   * ScoringModelActivated}).
   *
   * @return empty when the version is unknown
   */
  public Optional<ScoringModels.Row> activate(String version) {
    registerConfig();
    String before = models.activeVersion().orElse(configVersion);
    boolean wasActive = before.equals(version);
    if (!models.activate(version)) {
      return Optional.empty();
    }
    decisions.record(
        null,
        null,
        null,
        "model-activation",
        "activated " + version,
        "Scoring model " + version + " made active (was " + before + "); later scorings use it",
        Map.of("version", version, "previous", before));
    if (!wasActive) {
      events.publishEvent(new ScoringModelActivated(version));
    }
    return models.find(version);
  }

  private void registerConfig() {
    if (registered) {
      return;
    }
    synchronized (this) {
      if (registered) {
        return;
      }
      // committed on its own: another thread may use the version before the caller's transaction
      // ends
      ownTransaction.executeWithoutResult(
          status -> {
            models.insert(
                configVersion,
                CONFIG,
                OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS),
                write(configDefinition()),
                "{}",
                null);
            Optional<ScoringModels.Row> active = models.activeVersion().flatMap(models::find);
            if (active.isEmpty() || CONFIG.equals(active.get().kind())) {
              models.activate(configVersion);
            }
          });
      registered = true;
    }
  }

  private Active load(String version) {
    ScoringModels.Row row =
        models
            .find(version)
            .orElseThrow(() -> new IllegalStateException("Scoring model " + version + " vanished"));
    if (!CALIBRATED.equals(row.kind())) {
      return new Active(version, row.kind(), null, Set.of());
    }
    try {
      var tree = json.readTree(row.definition());
      FittedModel model;
      if (FittedModel.GBT.equals(tree.path("type").asText(FittedModel.SCORECARD))) {
        if (row.artifact() == null) {
          throw new IllegalStateException("Scoring model " + version + " has no booster stored");
        }
        model =
            new GbtModel(
                json.treeToValue(tree.get("gbt"), GbtModel.Definition.class),
                Base64.getDecoder().decode(row.artifact()));
      } else {
        model = json.treeToValue(tree.get("scorecard"), Scorecard.class);
      }
      List<String> protectedAttributes =
          json.readerForListOf(String.class).readValue(tree.get("protectedAttributes"));
      return new Active(
          version, row.kind(), model, ProfileFeatures.normalised(protectedAttributes));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Scoring model " + version + " is unreadable", e);
    }
  }

  private Map<String, Object> configDefinition() {
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("onboardingMonths", properties.onboardingMonths());
    definition.put("preRenewalDays", properties.preRenewalDays());
    definition.put("signalWindow", properties.signalWindow().toString());
    Map<String, Object> stages = new LinkedHashMap<>();
    for (String stage :
        List.of(
            ScoringProperties.ONBOARDING,
            ScoringProperties.ESTABLISHED,
            ScoringProperties.PRE_RENEWAL)) {
      var weights = properties.stages().of(stage);
      Map<String, Object> stageDefinition = new LinkedHashMap<>();
      stageDefinition.put("baseline", weights.baseline());
      stageDefinition.put("weights", weights.weights().asMap());
      stages.put(stage, stageDefinition);
    }
    definition.put("stages", stages);
    return definition;
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialise scoring model", e);
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
