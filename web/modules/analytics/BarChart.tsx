import type { FigureTable } from '../../../common/analytics';
import type { ChartModel } from './chart-model';
import { ChartFrame, Legend, tickText, valueScale, WIDTH } from './chart-parts';
import { figureText } from './figure-format';

// Categories (practices, reasons, age bands …) down the side, bars across: long names stay
// readable. Grouped bars carry their figure at the end; a stack's parts are read from the table.

const LABEL = 200;
const RIGHT = 56;
const TOP = 8;
const AXIS = 28;
const BAR = 14;
const GAP = 10;

const shorten = (label: string) => (label.length > 28 ? `${label.slice(0, 27)}…` : label);

export function BarChart({ table, model }: { table: FigureTable; model: ChartModel }) {
  const stacked = model.kind === 'stacked-bar';
  const band = (stacked ? BAR + 6 : BAR * model.series.length) + GAP;
  const height = TOP + model.categories.length * band + AXIS;
  const x = valueScale(model.ticks, LABEL, WIDTH - RIGHT);
  const bottom = height - AXIS;
  return (
    <figure className="waymark-figure-chart">
      <ChartFrame table={table} model={model} height={height}>
        {model.ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={TOP} y2={bottom} className="waymark-figure-chart__grid" />
            <text x={x(t)} y={bottom + 18} textAnchor="middle" className="waymark-figure-chart__tick">
              {tickText(model, t)}
            </text>
          </g>
        ))}
        {model.categories.map((c, i) => {
          const y0 = TOP + i * band;
          const values = model.values[i] ?? [];
          let along = 0;
          return (
            <g key={c.key}>
              <text x={LABEL - 8} y={y0 + (band - GAP) / 2 + 4} textAnchor="end" className="waymark-figure-chart__tick">
                {shorten(c.label)}
              </text>
              {model.series.map((s, j) => {
                const v = values[j];
                if (stacked) {
                  if (typeof v !== 'number' || v <= 0) return null;
                  const start = along;
                  along += v;
                  return (
                    <rect
                      key={s.key}
                      x={x(start)}
                      y={y0}
                      width={Math.max(0, x(along) - x(start))}
                      height={BAR + 6}
                      fill={s.colour}
                      className="waymark-figure-chart__stack"
                    />
                  );
                }
                const y = y0 + j * BAR;
                const value = typeof v === 'number' ? v : 0;
                return (
                  <g key={s.key}>
                    <rect x={LABEL} y={y} width={Math.max(0, x(value) - LABEL)} height={BAR - 2} fill={s.colour} />
                    <text x={x(value) + 4} y={y + BAR - 3} className="waymark-figure-chart__value">
                      {v === '*' ? '*' : figureText(v ?? null, model.unit)}
                    </text>
                  </g>
                );
              })}
              {stacked && values.includes('*') && (
                <text x={x(along) + 4} y={y0 + BAR + 1} className="waymark-figure-chart__value">
                  *
                </text>
              )}
            </g>
          );
        })}
        <line x1={LABEL} x2={LABEL} y1={TOP} y2={bottom} className="waymark-figure-chart__axis" />
      </ChartFrame>
      <Legend model={model} />
    </figure>
  );
}
