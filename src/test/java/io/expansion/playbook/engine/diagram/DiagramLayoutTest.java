package io.expansion.playbook.engine.diagram;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Group;
import io.expansion.playbook.engine.diagram.DiagramRules.Figures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The diagrams of bpmn/ follow the layout rules of README "Diagrams" (Camunda's guidelines for
 * readable process models): complete DI, orthogonal flows, no flow through a shape or on another
 * flow, no label over a shape or a label, the happy path on one line left to right, and the
 * expansion journey's seven stages as groups. {@code -Dexpansion.diagrams.dir=DIR} checks the
 * models of another folder (how the README's "before" figures were counted).
 */
class DiagramLayoutTest {

  private static final Logger log = LoggerFactory.getLogger(DiagramLayoutTest.class);
  private static final Path MODELS = Path.of(System.getProperty("expansion.diagrams.dir", "bpmn"));

  /** Per model, the happy path, left to right: these elements sit on one line. */
  static final Map<String, List<String>> HAPPY_PATHS =
      Map.of(
          "expansion-journey.bpmn",
          List.of(
              "StartEvent_JourneyStarted",
              "Task_LoadGuardrails",
              "Gateway_Rescore",
              "Task_ScoreAccount",
              "Rule_Segment",
              "Gateway_PendingSignal",
              "Rule_QualifySignal",
              "Gateway_Qualifies",
              "Task_CheckEligibility",
              "Gateway_Eligible",
              "Task_ArbitratePlay",
              "Gateway_PlayGranted",
              "Task_AssignExperiment",
              "Task_CheckConsent",
              "Gateway_ConsentGiven",
              "Task_SelectOffer",
              "Task_SendTouch",
              "Gateway_TouchChannel",
              "UserTask_CsmOutreach",
              "Gateway_OutreachResult",
              "Gateway_ProveValue",
              "Gateway_ValueProofFirst",
              "Task_BuildValueSnapshot",
              "UserTask_ProveValue",
              "Gateway_CustomerResponse",
              "Gateway_CreateQuote",
              "Task_CreateQuote",
              "Gateway_NeedsApproval",
              "UserTask_ApproveDiscount",
              "Gateway_ApprovalDecided",
              "Gateway_Approved",
              "Gateway_Provision",
              "Task_Provision",
              "Event_Accepted",
              "Gateway_Outcome",
              "Task_RecordOutcome"),
          "health-remediation.bpmn",
          List.of(
              "StartEvent_HealthDropped",
              "Task_WatchList",
              "Gateway_Round",
              "UserTask_Remediate",
              "Gateway_RemediationChosen",
              "Task_ApplyRemediation",
              "Gateway_RemediationTouch",
              "Task_ArbitrateRemediationTouch",
              "Gateway_RemediationTouchGranted",
              "Task_CheckConsentRemediationTouch",
              "Gateway_RemediationTouchConsent",
              "Task_SendRemediationTouch",
              "Gateway_RemediationApplied",
              "Task_AwaitRecovery",
              "Gateway_RecoveredJoin",
              "Task_RemoveWatchList",
              "End_Recovered"),
          "onboarding.bpmn",
          List.of(
              "StartEvent_AccountCreated",
              "Task_AwaitSetup",
              "Gateway_SetupReached",
              "Task_AwaitFirstValue",
              "Gateway_FirstValueReached",
              "Task_PrepareCelebration",
              "Task_ArbitrateCelebration",
              "Gateway_CelebrationGranted",
              "Task_CheckConsentCelebration",
              "Gateway_CelebrationConsent",
              "Task_SendCelebration",
              "Gateway_Celebrated",
              "End_Onboarded"),
          "renewal.bpmn",
          List.of(
              "StartEvent_RenewalPlanned",
              "Event_Wait90",
              "Task_Assess90",
              "UserTask_BusinessReview",
              "Event_Wait60",
              "Task_Assess60",
              "Gateway_Healthy60",
              "Task_RenewalUpsell",
              "Gateway_Planned60",
              "Event_Wait30",
              "Task_Assess30",
              "Gateway_Healthy30",
              "Task_ArbitrateReminder",
              "Gateway_ReminderGranted",
              "Task_CheckConsentReminder",
              "Gateway_ReminderConsent",
              "Task_SendReminder",
              "Gateway_Reminded",
              "End_RenewalReady"),
          "win-back.bpmn",
          List.of(
              "StartEvent_UsageDropped",
              "Task_WatchList",
              "Task_ArbitrateWinBackTouch",
              "Gateway_WinBackTouchGranted",
              "Task_CheckConsentWinBackTouch",
              "Gateway_WinBackTouchConsent",
              "Task_SendWinBackTouch",
              "Gateway_WinBackTouched",
              "UserTask_WinBackCall",
              "Gateway_WinBackResult",
              "Task_AwaitUsageRecovery",
              "Task_RemoveWatchList",
              "End_WonBack"));

  /** The expansion loop's stages, left to right, as the expansion journey's groups name them. */
  static final List<String> STAGES =
      List.of("Align", "Segment", "Detect", "Orchestrate", "Prove value", "Commit", "Expand again");

  static Stream<String> models() throws IOException {
    try (Stream<Path> files = Files.list(MODELS)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".bpmn"))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static DiagramGeometry geometry(String model) {
    BpmnModelInstance instance = Bpmn.readModelFromFile(MODELS.resolve(model).toFile());
    return DiagramGeometry.of(instance);
  }

  @Test
  void everyModelHasAHappyPath() throws IOException {
    assertThat(HAPPY_PATHS.keySet()).containsAll(models().toList());
  }

  @ParameterizedTest
  @MethodSource("models")
  void everyFlowNodeAndFlowHasDiAndEveryNameALabel(String model) {
    assertThat(DiagramRules.missingDi(geometry(model))).as(model).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void flowsAreOrthogonal(String model) {
    assertThat(DiagramRules.notOrthogonal(geometry(model))).as(model).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void noFlowRunsThroughAShapeOrOnAnotherFlow(String model) {
    DiagramGeometry g = geometry(model);
    Figures f = DiagramRules.figures(g);
    log.info(
        "{}: {} pairs of flows share a line for more than 15 px ({} of them merging into one"
            + " arrow or fanning out of one corner), {} flows run through a shape",
        model,
        f.overlappingPairs(),
        f.mergeOrFanOutPairs(),
        f.flowsThroughShapes());
    assertThat(DiagramRules.flowsThroughShapes(g)).as(model).isEmpty();
    assertThat(DiagramRules.sharedLines(g, false)).as(model).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void noLabelLiesOverAShapeOrAnotherLabel(String model) {
    assertThat(DiagramRules.labelsOverShapesOrLabels(geometry(model))).as(model).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("models")
  void theHappyPathRunsLeftToRightOnOneLine(String model) {
    List<String> path = HAPPY_PATHS.get(model);
    assertThat(path).as(model + " has a happy path in HAPPY_PATHS").isNotNull();
    assertThat(DiagramRules.happyPath(geometry(model), path)).as(model).isEmpty();
  }

  @Test
  void theExpansionJourneyShowsTheSevenStagesAsGroupsLeftToRight() {
    BpmnModelInstance model =
        Bpmn.readModelFromFile(MODELS.resolve("expansion-journey.bpmn").toFile());
    DiagramGeometry g = DiagramGeometry.of(model);
    List<Group> groups =
        model.getModelElementsByType(Group.class).stream()
            .sorted(Comparator.comparingDouble(gr -> g.groups().get(gr.getId()).x()))
            .toList();
    assertThat(groups)
        .extracting(gr -> gr.getCategory().getValue())
        .containsExactlyElementsOf(STAGES);
    for (int i = 1; i < groups.size(); i++) {
      assertThat(
              g.groups()
                  .get(groups.get(i - 1).getId())
                  .intersects(g.groups().get(groups.get(i).getId())))
          .as(groups.get(i - 1).getId() + " overlaps " + groups.get(i).getId())
          .isFalse();
    }
    assertThat(groups).allSatisfy(gr -> assertThat(g.labels()).containsKey(gr.getId()));
  }
}
