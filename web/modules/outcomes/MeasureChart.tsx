import { useId } from 'react';
import type { Measure, MeasureSummary } from '../../../common/outcome-measures';
import { formatDay } from './outcome-format';

// The range each measure's indicators can take (the chart's y axis).
const RANGE: Record<Measure, [number, number]> = {
  ons4: [0, 10],
  swemwbs: [7, 35],
  ucla3: [3, 9],
  pam: [0, 100],
};

// NHS.UK colours; each series also has its own dash pattern and marker, so colour is never the
// only difference.
const SERIES = [
  { colour: '#005eb8', dash: undefined },
  { colour: '#007f3b', dash: '6 3' },
  { colour: '#330072', dash: '2 3' },
  { colour: '#d5281b', dash: '8 3 2 3' },
];

const W = 560;
const H = 220;
const PAD = { left: 40, right: 16, top: 16, bottom: 40 };

/**
 * A small line chart of a measure over time. The results table beside it carries the same numbers
 * as text; the chart has a title and a description for screen readers.
 */
export function MeasureChart({ summary }: { summary: MeasureSummary }) {
  const titleId = useId();
  const descId = useId();
  const recs = summary.recordings;
  if (recs.length < 2) return null;
  const [min, max] = RANGE[summary.measure];
  const keys = recs[0]?.indicators.map((i) => ({ key: i.key, label: i.label })) ?? [];
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / (recs.length - 1);
  const y = (v: number) => PAD.top + ((max - v) * (H - PAD.top - PAD.bottom)) / (max - min);
  const ticks = [min, min + (max - min) / 2, max];
  const description = keys
    .map(
      (k) =>
        `${k.label}: ${recs
          .map((r) => `${r.indicators.find((i) => i.key === k.key)?.value ?? '–'} on ${formatDay(r.administeredOn)}`)
          .join(', ')}`,
    )
    .join('. ');

  return (
    <figure className="waymark-measure-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} aria-describedby={descId}>
        <title id={titleId}>{`${summary.label} over time`}</title>
        <desc id={descId}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#d8dde0" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="12" fill="#4c6272">
              {t}
            </text>
          </g>
        ))}
        {recs.map((r, i) => (
          <text
            key={r.id}
            x={x(i)}
            y={H - PAD.bottom + 18}
            textAnchor={i === 0 ? 'start' : i === recs.length - 1 ? 'end' : 'middle'}
            fontSize="12"
            fill="#4c6272"
          >
            {formatDay(r.administeredOn, 'short')}
          </text>
        ))}
        {keys.map((k, s) => {
          const style = SERIES[s % SERIES.length] ?? SERIES[0];
          const points = recs.flatMap((r, i) => {
            const v = r.indicators.find((ind) => ind.key === k.key)?.value;
            return v === undefined ? [] : [[x(i), y(v)] as const];
          });
          return (
            <g key={k.key}>
              <polyline
                points={points.map(([px, py]) => `${px},${py}`).join(' ')}
                fill="none"
                stroke={style?.colour}
                strokeWidth="2.5"
                strokeDasharray={style?.dash}
              />
              {points.map(([px, py]) => (
                <circle key={`${px}`} cx={px} cy={py} r="4" fill={style?.colour} />
              ))}
            </g>
          );
        })}
      </svg>
      {keys.length > 1 && (
        <figcaption>
          <ul className="waymark-measure-chart__legend">
            {keys.map((k, s) => (
              <li key={k.key}>
                <svg width="28" height="10" aria-hidden="true" focusable="false">
                  <line
                    x1="0"
                    x2="28"
                    y1="5"
                    y2="5"
                    stroke={SERIES[s % SERIES.length]?.colour}
                    strokeWidth="2.5"
                    strokeDasharray={SERIES[s % SERIES.length]?.dash}
                  />
                </svg>{' '}
                {k.label}
              </li>
            ))}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}
