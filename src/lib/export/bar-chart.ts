import type { ShownCount } from '$lib/domain/suppression';

/**
 * The geometry of a report's bar chart (SVG user units), kept apart from its drawing so it can be
 * tested: one row per figure, its label on a line of its own above the bar (theme names are long),
 * the bar's length in proportion to the largest shown count, and the figure's words at the bar's
 * end. A hidden count draws no bar, only its words ("fewer than 10"), so nothing about its size
 * shows. Fits A4 at the width of a printed page.
 */
export const CHART_WIDTH = 640;
const ROW_HEIGHT = 44;
const LABEL_BASELINE = 16;
const BAR_TOP = 22;
export const BAR_HEIGHT = 14;
const VALUE_ROOM = 130;

export interface ChartRow {
  key: string;
  label: string;
  count: ShownCount;
  text: string;
}

export interface ChartBar extends ChartRow {
  labelY: number;
  barY: number;
  barWidth: number;
  valueX: number;
  valueY: number;
}

export function barChartLayout(rows: readonly ChartRow[]): { width: number; height: number; bars: ChartBar[] } {
  const largest = Math.max(1, ...rows.map((row) => (row.count.shown ? row.count.count : 0)));
  const room = CHART_WIDTH - VALUE_ROOM;
  const bars = rows.map((row, i): ChartBar => {
    const top = i * ROW_HEIGHT;
    const barWidth = row.count.shown ? Math.round((row.count.count / largest) * room * 10) / 10 : 0;
    return { ...row, labelY: top + LABEL_BASELINE, barY: top + BAR_TOP, barWidth, valueX: row.count.shown ? barWidth + 6 : 0, valueY: top + BAR_TOP + BAR_HEIGHT - 2 };
  });
  return { width: CHART_WIDTH, height: Math.max(ROW_HEIGHT, rows.length * ROW_HEIGHT), bars };
}
