import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import "bpmn-js/dist/assets/diagram-js.css";
import "bpmn-js/dist/assets/bpmn-js.css";
import { apiText } from "./api";

export interface Diagram {
  viewer: NavigatedViewer;
  canvas: any;
  overlays: any;
  elementRegistry: any;
  eventBus: any;
}

/** Draws a deployed process (GET /api/processes/{id}/xml) in a NavigatedViewer. */
export async function drawProcess(container: HTMLElement, processId: string): Promise<Diagram> {
  return drawXml(container, await apiText(`/api/processes/${encodeURIComponent(processId)}/xml`));
}

/** Draws BPMN XML (e.g. one stored version of a model) in a NavigatedViewer. */
export async function drawXml(container: HTMLElement, xml: string): Promise<Diagram> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas: any = viewer.get("canvas");
  canvas.zoom("fit-viewport");
  return {
    viewer,
    canvas,
    overlays: viewer.get("overlays"),
    elementRegistry: viewer.get("elementRegistry"),
    eventBus: viewer.get("eventBus"),
  };
}
