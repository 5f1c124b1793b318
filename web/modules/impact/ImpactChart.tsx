import type { Figure } from '../../../common/suppression';
import { monthLabel } from './impact-format';

// A small bar chart of referrals received and sessions attended by month, drawn as SVG (no chart
// library: two series of bars do not need one). Screen readers get the picture's description;
// the same figures follow in a table, which is the accessible alternative.

export interface ChartMonth {
  month: string;
  referrals: Figure;
  sessionsAttended: Figure;
}

const SERIES = [
  { key: 'referrals', label: 'Referrals received', className: 'waymark-impact-chart__bar--referrals' },
  { key: 'sessionsAttended', label: 'Sessions attended', className: 'waymark-impact-chart__bar--sessions' },
] as const;

const HEIGHT = 220;
const TOP = 16;
const BOTTOM = 40;
const LEFT = 40;
const SLOT = 56;

const heightOf = (f: Figure) => (typeof f === 'number' ? f : 0);

/** 0, and three more ticks at round numbers up to the largest value. */
function ticks(max: number): number[] {
  if (max <= 0) return [0];
  const step = 10 ** Math.floor(Math.log10(max / 3 || 1));
  const nice = [1, 2, 5, 10].map((m) => m * step).find((s) => s * 3 >= max) ?? step * 10;
  return [0, nice, nice * 2, nice * 3];
}

export function ImpactChart({ months, id }: { months: ChartMonth[]; id: string }) {
  const top = Math.max(1, ...months.flatMap((m) => [heightOf(m.referrals), heightOf(m.sessionsAttended)]));
  const axis = ticks(top);
  const scaleMax = Math.max(top, axis.at(-1) ?? top);
  const plot = HEIGHT - TOP - BOTTOM;
  const y = (v: number) => TOP + plot - (v / scaleMax) * plot;
  const width = LEFT + months.length * SLOT + 8;
  const first = months[0]?.month;
  const last = months.at(-1)?.month;
  const barWidth = (SLOT - 16) / 2;
  return (
    <figure className="waymark-impact-chart">
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${HEIGHT}`}
        preserveAspectRatio="xMinYMin meet"
        className="waymark-impact-chart__svg"
      >
        <title id={`${id}-title`}>Referrals received and sessions attended by month</title>
        <desc id={`${id}-desc`}>
          {`Bar chart, one pair of bars a month from ${first ? monthLabel(first, true) : ''} to ${last ? monthLabel(last, true) : ''}. The table below the chart gives the same figures.`}
        </desc>
        {axis.map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={width - 4} y1={y(t)} y2={y(t)} className="waymark-impact-chart__grid" />
            <text x={LEFT - 6} y={y(t) + 4} textAnchor="end" className="waymark-impact-chart__tick">
              {t}
            </text>
          </g>
        ))}
        {months.map((m, i) => {
          const x0 = LEFT + i * SLOT + 8;
          return (
            <g key={m.month}>
              {SERIES.map((s, j) => {
                const figure = m[s.key];
                const x = x0 + j * barWidth;
                const v = heightOf(figure);
                return figure === '*' ? (
                  <text
                    key={s.key}
                    x={x + barWidth / 2}
                    y={y(0) - 4}
                    textAnchor="middle"
                    className="waymark-impact-chart__tick"
                  >
                    *
                  </text>
                ) : (
                  <rect key={s.key} x={x} y={y(v)} width={barWidth - 2} height={y(0) - y(v)} className={s.className} />
                );
              })}
              <text
                x={x0 + barWidth}
                y={HEIGHT - BOTTOM + 16}
                textAnchor="middle"
                className="waymark-impact-chart__tick"
              >
                {monthLabel(m.month, false)}
              </text>
              {(i === 0 || m.month.endsWith('-01')) && (
                <text
                  x={x0 + barWidth}
                  y={HEIGHT - BOTTOM + 32}
                  textAnchor="middle"
                  className="waymark-impact-chart__tick"
                >
                  {m.month.slice(0, 4)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="waymark-impact-chart__legend">
        {SERIES.map((s) => (
          <span key={s.key} className="waymark-impact-chart__key">
            <svg width="14" height="14" aria-hidden="true" focusable="false">
              <rect width="14" height="14" className={s.className} />
            </svg>{' '}
            {s.label}
          </span>
        ))}
        <span className="waymark-impact-chart__key">* a small number (1 to 7), not shown</span>
      </figcaption>
    </figure>
  );
}
