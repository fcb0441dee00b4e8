import { describe, expect, it } from 'vitest';
import { barChartLayout, CHART_WIDTH } from '../../../src/lib/export/bar-chart';

const row = (key: string, count: number | null) => ({
  key,
  label: key,
  count: count === null ? ({ shown: false } as const) : ({ shown: true, count } as const),
  text: count === null ? 'fewer than 10' : String(count)
});

describe('a report’s bar chart', () => {
  it('draws bars in proportion to the largest shown count, each with its figure beside it, in the chart’s width', () => {
    const { bars, width, height } = barChartLayout([row('Work', 40), row('Health', 10), row('Environment', 20)]);
    expect(width).toBe(CHART_WIDTH);
    expect(height).toBe(3 * 44);
    const [work, health, environment] = bars;
    expect(health.barWidth / work.barWidth).toBeCloseTo(0.25, 2);
    expect(environment.barWidth / work.barWidth).toBeCloseTo(0.5, 2);
    expect(work.barWidth).toBe(CHART_WIDTH - 130); // the largest fills the room left for its figure
    expect(work.valueX).toBeGreaterThan(work.barWidth);
    expect(work.valueX).toBeLessThan(CHART_WIDTH);
    expect(bars.map((b) => b.labelY)).toEqual([16, 60, 104]);
  });

  it('gives a hidden count no bar, so nothing about its size shows, and scales the others without it', () => {
    const { bars } = barChartLayout([row('Work', 12), row('Health', null)]);
    expect(bars[1]).toMatchObject({ barWidth: 0, valueX: 0, text: 'fewer than 10' });
    expect(bars[0].barWidth).toBeGreaterThan(400);
    expect(barChartLayout([]).height).toBeGreaterThan(0);
  });
});
