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
  const xml = await apiText(`/api/processes/${encodeURIComponent(processId)}/xml`);
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
