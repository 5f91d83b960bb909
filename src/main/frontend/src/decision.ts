import DmnViewer from "dmn-js/lib/Viewer";
import "dmn-js/dist/assets/diagram-js.css";
import "dmn-js/dist/assets/dmn-js-shared.css";
import "dmn-js/dist/assets/dmn-js-drd.css";
import "dmn-js/dist/assets/dmn-js-decision-table.css";
import "dmn-js/dist/assets/dmn-js-literal-expression.css";
import "dmn-js/dist/assets/dmn-font/css/dmn.css";

/** A drawn DMN model: the viewer, to destroy it when the page is left. */
export interface DecisionDrawing {
  destroy(): void;
}

/**
 * Draws DMN XML with dmn-js, the viewer Camunda's own tools use: the decision table of the model's
 * first decision (what an ops designer reads), or its requirements diagram when it has no table.
 */
export async function drawDecision(container: HTMLElement, xml: string): Promise<DecisionDrawing> {
  const viewer = new DmnViewer({ container });
  await viewer.importXML(xml);
  const views: { type: string }[] = viewer.getViews();
  const table = views.find((v) => v.type === "decisionTable");
  if (table) {
    await viewer.open(table);
  }
  return { destroy: () => viewer.destroy() };
}
