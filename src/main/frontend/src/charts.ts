import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
);

/** A chart in an accessible canvas (role img, its label naming what it shows). */
export function chart(
  label: string,
  config: ChartConfiguration,
): { canvas: HTMLCanvasElement; chart: Chart } {
  const canvas = document.createElement("canvas");
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", label);
  const wrap = document.createElement("div");
  wrap.className = "chart";
  wrap.append(canvas);
  config.options = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    ...config.options,
  };
  return { canvas: wrap as unknown as HTMLCanvasElement, chart: new Chart(canvas, config) };
}

export const COLORS = [
  "#2563eb",
  "#16a34a",
  "#dc2626",
  "#9333ea",
  "#ea580c",
  "#0891b2",
  "#65a30d",
  "#db2777",
];
