/** The lip-sync quality table: one line per case, issue-10 targets beside each column, and summary rows. */
import { percentile } from '../../../main/engine/analysis/stats';
import { row, type BenchRow } from '../lib';
import type { QualityRow } from './measure';

/** Issue 10's targets ("Must show"). */
export const TARGETS = {
  loudnessEach: 0.25,
  loudnessMedian: 0.38,
  noseP95: 0.6,
  psnr: 40,
  jitterRatio: 1.2,
  mouthChangeRatio: 1.15,
  heldOutR: 0.5,
  espeakAuc: 0.75,
  planShare: 0.05,
};

const rendered = (r: QualityRow) => r.kind === 'dub' || r.kind === 'held-out' || r.kind === 'espeak';
/** Planning's share of the dub, in CPU time where measured (wall time on a loaded machine mostly measures the neighbours). */
export function planShare(r: QualityRow): number | undefined {
  if (r.planCpu !== undefined && r.dubCpu && Number.isFinite(r.planCpu / r.dubCpu)) return r.planCpu / r.dubCpu;
  return r.planSeconds !== undefined && r.dubSeconds ? r.planSeconds / r.dubSeconds : undefined;
}

function num(v: number | undefined, digits: number): string {
  if (v === undefined) return '';
  if (Number.isNaN(v)) return 'n/a';
  return Number.isFinite(v) ? v.toFixed(digits) : 'inf';
}

const signed = (lag: number) => (lag > 0 ? `+${lag}` : String(lag));
/** A value that misses its target is marked with "!". */
const mark = (text: string, ok: boolean | undefined) => (text && ok === false ? `${text}!` : text);

interface Column {
  head: string;
  target: string;
  cell(r: QualityRow, all: QualityRow[]): string;
}

function baselineLmd(r: QualityRow, all: QualityRow[]): number | undefined {
  return all.find((b) => b.kind === 'held-out baseline' && b.clip === r.clip)?.lmd;
}

const COLUMNS: Column[] = [
  { head: 'clip', target: 'target', cell: (r) => r.clip },
  { head: 'dub', target: '', cell: (r) => r.dub },
  { head: 'frames', target: '', cell: (r) => String(r.frames) },
  {
    head: 'open~loud r (lag)',
    target: `≥ ${TARGETS.loudnessEach}, med ≥ ${TARGETS.loudnessMedian}`,
    cell: (r) =>
      mark(`${num(r.loudness, 3)} (${signed(r.loudnessLag)})`, r.kind === 'dub' ? r.loudness >= TARGETS.loudnessEach : undefined),
  },
  { head: 'undubbed r', target: '', cell: (r) => num(r.original, 3) },
  {
    head: 'truth r / best (lag)',
    target: `≥ ${TARGETS.heldOutR}`,
    cell: (r) =>
      r.truthR === undefined
        ? ''
        : mark(
            `${num(r.truthR, 3)} / ${num(r.truthBest, 3)} (${signed(r.truthLag!)})`,
            r.kind === 'held-out' ? r.truthR >= TARGETS.heldOutR : undefined,
          ),
  },
  {
    head: 'LMD %',
    target: '< keep',
    cell: (r, all) => {
      const base = baselineLmd(r, all);
      return mark(num(r.lmd, 2), r.kind === 'held-out' && base !== undefined && r.lmd !== undefined ? r.lmd < base : undefined);
    },
  },
  {
    head: 'nose p95 %',
    target: `≤ ${TARGETS.noseP95}`,
    cell: (r) => mark(num(r.noseP95, 2), r.noseP95 === undefined ? undefined : r.noseP95 <= TARGETS.noseP95),
  },
  {
    head: 'nose img %',
    target: `≤ ${TARGETS.noseP95}`,
    cell: (r) => mark(num(r.noseImgP95, 2), r.noseImgP95 === undefined ? undefined : r.noseImgP95 <= TARGETS.noseP95),
  },
  {
    head: 'PSNR out dB',
    target: `≥ ${TARGETS.psnr}`,
    cell: (r) => mark(num(r.psnr, 1), r.psnr === undefined ? undefined : r.psnr >= TARGETS.psnr),
  },
  {
    head: 'jitter ×',
    target: `≤ ${TARGETS.jitterRatio}`,
    cell: (r) => mark(num(r.jitterRatio, 2), r.jitterRatio === undefined ? undefined : r.jitterRatio <= TARGETS.jitterRatio),
  },
  {
    head: 'mouth Δ ×',
    target: `≤ ${TARGETS.mouthChangeRatio}`,
    cell: (r) =>
      mark(num(r.mouthChangeRatio, 2), r.mouthChangeRatio === undefined ? undefined : r.mouthChangeRatio <= TARGETS.mouthChangeRatio),
  },
  {
    head: 'AUC',
    target: `espeak ≥ ${TARGETS.espeakAuc}`,
    cell: (r) => mark(num(r.auc, 3), r.kind === 'espeak' ? r.auc >= TARGETS.espeakAuc : undefined),
  },
  {
    head: 'plan % cpu',
    target: `< ${100 * TARGETS.planShare}`,
    cell: (r) => {
      const s = planShare(r);
      return mark(s === undefined ? '' : num(100 * s, 2), s === undefined ? undefined : s < TARGETS.planShare);
    },
  },
  { head: 'dub s', target: '', cell: (r) => num(r.dubSeconds, 1) },
  { head: 'plan s', target: '', cell: (r) => num(r.planSeconds, 2) },
];

export function formatTable(rows: QualityRow[]): string {
  const lines = [COLUMNS.map((c) => c.head), COLUMNS.map((c) => c.target), ...rows.map((r) => COLUMNS.map((c) => c.cell(r, rows)))];
  const widths = COLUMNS.map((_, i) => Math.max(...lines.map((l) => l[i].length)));
  const fmt = (l: string[]) =>
    l
      .map((s, i) => s.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [fmt(lines[0]), fmt(lines[1]), rule, ...lines.slice(2).map(fmt), '("!" = misses the target)'].join('\n');
}

/** The figures the issue judges by, for run.ts's summary table (only those the run measured). */
export function summaryRows(rows: QualityRow[]): BenchRow[] {
  const out: BenchRow[] = [];
  const dubs = rows.filter((r) => r.kind === 'dub');
  const made = rows.filter(rendered);
  const worst = (values: (number | undefined)[], pick: (...v: number[]) => number) => {
    const v = values.filter((x): x is number => x !== undefined && !Number.isNaN(x));
    return v.length ? pick(...v) : undefined;
  };
  const add = (metric: string, value: number | undefined, unit: string, text: string, ok: (v: number) => boolean) => {
    if (value !== undefined) out.push(row(metric, value, unit, { text, ok: ok(value) }));
  };
  const loud = dubs.map((r) => r.loudness);
  add(
    'real-speech dubs: median openness–loudness r',
    loud.length ? percentile(loud, 50) : undefined,
    '',
    `≥ ${TARGETS.loudnessMedian}`,
    (v) => v >= TARGETS.loudnessMedian,
  );
  add(
    'real-speech dubs: lowest openness–loudness r',
    worst(loud, Math.min),
    '',
    `≥ ${TARGETS.loudnessEach}`,
    (v) => v >= TARGETS.loudnessEach,
  );
  add(
    'dubs: worst nose drift p95',
    worst(
      made.map((r) => r.noseP95),
      Math.max,
    ),
    '%',
    `≤ ${TARGETS.noseP95}`,
    (v) => v <= TARGETS.noseP95,
  );
  add(
    'dubs: worst nose shift in the image p95',
    worst(
      made.map((r) => r.noseImgP95),
      Math.max,
    ),
    '%',
    `≤ ${TARGETS.noseP95}`,
    (v) => v <= TARGETS.noseP95,
  );
  add(
    'dubs: lowest PSNR outside the lower face',
    worst(
      made.map((r) => r.psnr),
      Math.min,
    ),
    'dB',
    `≥ ${TARGETS.psnr}`,
    (v) => v >= TARGETS.psnr,
  );
  add(
    'dubs: worst landmark jitter ratio',
    worst(
      made.map((r) => r.jitterRatio),
      Math.max,
    ),
    '×',
    `≤ ${TARGETS.jitterRatio}`,
    (v) => v <= TARGETS.jitterRatio,
  );
  add(
    'dubs: worst mouth temporal change ratio',
    worst(
      made.map((r) => r.mouthChangeRatio),
      Math.max,
    ),
    '×',
    `≤ ${TARGETS.mouthChangeRatio}`,
    (v) => v <= TARGETS.mouthChangeRatio,
  );
  for (const r of rows.filter((x) => x.kind === 'held-out')) {
    add(`${r.clip} held-out: openness r with the truth`, r.truthR, '', `≥ ${TARGETS.heldOutR}`, (v) => v >= TARGETS.heldOutR);
    const base = baselineLmd(r, rows);
    if (base !== undefined) add(`${r.clip} held-out: LMD`, r.lmd, '%', `< ${base.toFixed(2)} (keep frames)`, (v) => v < base);
  }
  for (const r of rows.filter((x) => x.kind === 'espeak')) {
    add(`${r.clip} espeak with pauses: AUC`, r.auc, '', `≥ ${TARGETS.espeakAuc}`, (v) => v >= TARGETS.espeakAuc);
  }
  const shares = made.map(planShare);
  const share = worst(shares, Math.max);
  add(
    'largest planning share of a dub',
    share === undefined ? undefined : 100 * share,
    '%',
    `< ${100 * TARGETS.planShare}`,
    (v) => v < 100 * TARGETS.planShare,
  );
  return out;
}
