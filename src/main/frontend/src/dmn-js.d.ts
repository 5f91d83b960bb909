// dmn-js ships no type declarations; the workspace uses the viewer's documented API only.
declare module "dmn-js/lib/Viewer" {
  export default class DmnViewer {
    constructor(options: { container: HTMLElement });
    importXML(xml: string): Promise<{ warnings: unknown[] }>;
    getViews(): { type: string }[];
    open(view: { type: string }): Promise<unknown>;
    destroy(): void;
  }
}
