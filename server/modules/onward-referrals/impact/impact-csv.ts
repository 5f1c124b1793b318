import { IMPACT_FIGURE_LABELS, type ImpactFigures, type ImpactReport } from '../../../../common/impact.js';
import { figureText } from '../../../../common/suppression.js';
import { toCsv } from '../../../platform/csv.js';

// The report as one long table (section, name, month, figure, value): one row per figure, which
// pivots in any spreadsheet. Names are the directory's (typed by partners and the public's
// reports), so every cell goes through the formula-injection guard of platform/csv.ts.

const FIGURES = Object.keys(IMPACT_FIGURE_LABELS) as (keyof typeof IMPACT_FIGURE_LABELS)[];

function figureRows(section: string, name: string, month: string, figures: ImpactFigures): string[][] {
  return FIGURES.map((key) => [section, name, month, IMPACT_FIGURE_LABELS[key], figureText(figures[key])]);
}

export function impactCsv(report: ImpactReport): string {
  const whole = `${report.period.from} to ${report.period.to}`;
  const rows: string[][] = [['section', 'name', 'month', 'figure', 'value']];
  rows.push(...figureRows('organisation', report.name, whole, report.totals));
  for (const m of report.months) rows.push(...figureRows('organisation', report.name, m.month, m));
  for (const s of report.services) {
    rows.push(...figureRows('service', s.name, whole, s));
    for (const m of s.months) rows.push(...figureRows('service', s.name, m.month, m));
  }
  for (const o of report.outcomesAtClose) {
    rows.push(['outcome at close', o.label, whole, 'Referrals closed', figureText(o.count)]);
  }
  for (const c of report.measureChanges) {
    rows.push([
      'outcome measure change',
      c.label,
      whole,
      'People with a baseline and a later score',
      figureText(c.people),
    ]);
    rows.push(['outcome measure change', c.label, whole, 'Improved', figureText(c.improved)]);
    rows.push(['outcome measure change', c.label, whole, 'Stayed the same', figureText(c.unchanged)]);
    rows.push(['outcome measure change', c.label, whole, 'Got worse', figureText(c.worsened)]);
  }
  rows.push([
    'note',
    'Small numbers',
    whole,
    'Rule',
    '* is 1 to 7 (or a median or rate built on 1 to 7 records); other counts outside your own records are rounded to the nearest 5',
  ]);
  return toCsv(rows);
}

export function impactCsvFilename(report: ImpactReport): string {
  const slug = report.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `impact-${slug || 'organisation'}-${report.period.from}-to-${report.period.to}.csv`;
}
