import type { FigureTable } from '../../../common/analytics';
import type { ChartModel } from './chart-model';
import { ChartFrame, Legend, Marker, tickText, valueScale, WIDTH } from './chart-parts';

// Months along the bottom, one line a column. A hidden ("*") or missing figure breaks the line
// rather than drawing it as 0, and a "*" marks the month on the axis.

const HEIGHT = 280;
const TOP = 16;
const BOTTOM = 44;
const LEFT = 56;
const RIGHT = 24;

/** Runs of consecutive drawable points: a gap wherever a figure is hidden or missing. */
function segments(points: ({ x: number; y: number } | null)[]) {
  const runs: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  for (const p of points) {
    if (p) run.push(p);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

export function LineChart({ table, model }: { table: FigureTable; model: ChartModel }) {
  const n = model.categories.length;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (i: number) => LEFT + (n === 1 ? plotWidth / 2 : (i * plotWidth) / (n - 1));
  const y = valueScale(model.ticks, HEIGHT - BOTTOM, TOP);
  const every = Math.ceil(n / 12);
  return (
    <figure className="waymark-figure-chart">
      <ChartFrame table={table} model={model} height={HEIGHT}>
        {model.ticks.map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} className="waymark-figure-chart__grid" />
            <text x={LEFT - 8} y={y(t) + 4} textAnchor="end" className="waymark-figure-chart__tick">
              {tickText(model, t)}
            </text>
          </g>
        ))}
        {model.categories.map((c, i) =>
          i % every === 0 || i === n - 1 ? (
            <text
              key={c.key}
              x={x(i)}
              y={HEIGHT - BOTTOM + 18}
              textAnchor="middle"
              className="waymark-figure-chart__tick"
            >
              {c.label.split(' ').map((word, line) => (
                <tspan key={word} x={x(i)} dy={line === 0 ? 0 : 14}>
                  {word}
                </tspan>
              ))}
            </text>
          ) : null,
        )}
        {model.series.map((s, j) => {
          const points = model.values.map((vs, i) => {
            const v = vs[j];
            return typeof v === 'number' ? { x: x(i), y: y(v) } : null;
          });
          return (
            <g key={s.key}>
              {segments(points).map((run) => (
                <polyline
                  key={`${run[0]?.x}`}
                  points={run.map((p) => `${p.x},${p.y}`).join(' ')}
                  fill="none"
                  stroke={s.colour}
                  strokeWidth="2.5"
                  strokeDasharray={s.dash}
                />
              ))}
              {points.map((p, i) =>
                p ? (
                  <Marker key={model.categories[i]?.key} series={s} x={p.x} y={p.y} />
                ) : model.values[i]?.[j] === '*' ? (
                  <text
                    key={model.categories[i]?.key}
                    x={x(i)}
                    y={y(0) - 6 - j * 12}
                    textAnchor="middle"
                    fill={s.colour}
                    className="waymark-figure-chart__star"
                  >
                    *
                  </text>
                ) : null,
              )}
            </g>
          );
        })}
      </ChartFrame>
      <Legend model={model} />
    </figure>
  );
}
