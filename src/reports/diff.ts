import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { atLeast, formatNumber, roundHalfUp } from '../domain/exact.js';
import type { Lang } from '../domain/i18n.js';
import { predikatLabel, ratingLabel, type Predikat, type Rating } from '../domain/ratings.js';
import { compareText, plainNumber } from './common.js';
import type { EmployeeDocument, IndicatorDocument, ResultsDocument } from './results-json.js';
import type { CellData, SheetContent } from './sheets/types.js';

/**
 * `appraise diff`: who changed between two results (two periods computed afresh, or two hasil
 * JSON files), and the inputs behind each change. Works on the hasil document shape (SPEC §6), so
 * a period and a file compare alike; fields that are still null (predikat before the behaviour
 * work lands) simply never differ, and start to count once they are filled.
 */

export interface DiffSide {
  /** `2025-Q1` or a file name. */
  label: string;
  doc: ResultsDocument;
  /** Per NIP and indicator code: the places of the target and realisasi cells (periods only). */
  places?: Map<string, Map<string, { target: string; actual: string }>>;
  /** Work score bands (SPEC §3.3), from the config. */
  thresholds: { diAtas: number; sesuai: number };
}

export type ChangeField = 'predikat' | 'workRating.final' | 'workRating.suggested' | 'behaviourRating' | 'workBand' | 'status' | 'unit';

export interface FieldChange {
  field: ChangeField;
  from: string | null;
  to: string | null;
}

export interface IndicatorState {
  target: number | { low: number; high: number };
  actual: number | null;
  capaian: number | null;
  status: string;
  place: string | null;
}

export type Cause =
  | { kind: 'indicator'; code: string; aspect: string; from: IndicatorState | null; to: IndicatorState | null; delta: number | null }
  | { kind: 'aspect'; key: string; from: number | null; to: number | null; delta: number | null }
  | { kind: 'behaviour'; from: Rating | null; to: Rating | null }
  | { kind: 'override'; side: 'from' | 'to'; suggested: Rating | null; final: Rating | null }
  | { kind: 'satisfaction'; from: number | null; to: number | null };

export interface EmployeeChange {
  nip: string;
  name: string;
  kind: 'changed' | 'joined' | 'left';
  unit: { from: string | null; to: string | null };
  workScore: { from: number | null; to: number | null };
  changes: FieldChange[];
  causes: Cause[];
}

export interface DiffDocument {
  from: { label: string; period: string };
  to: { label: string; period: string };
  counts: { compared: number; changed: number; moved: number; joined: number; left: number };
  employees: EmployeeChange[];
}

/** How many indicators with the largest capaian change are named per employee. */
const TOP_INDICATORS = 3;

export function workBand(score: number | null, t: { diAtas: number; sesuai: number }): Rating | null {
  if (score === null) return null;
  // The documents hold the 2-decimal score that was classified (SPEC §3.3): bands are read on it.
  return atLeast(score, t.diAtas) ? 'DI_ATAS' : atLeast(score, t.sesuai) ? 'SESUAI' : 'DI_BAWAH';
}

function indicatorState(i: IndicatorDocument, place: string | null): IndicatorState {
  return { target: i.target, actual: i.actual, capaian: i.capaian, status: i.status, place };
}

function sameTarget(a: IndicatorDocument['target'], b: IndicatorDocument['target']): boolean {
  return typeof a === 'number' || typeof b === 'number' ? a === b : a.low === b.low && a.high === b.high;
}

function indicatorCauses(a: EmployeeDocument, b: EmployeeDocument, from: DiffSide, to: DiffSide): Cause[] {
  const before = new Map(a.indicators.map((i) => [i.code, i]));
  const after = new Map(b.indicators.map((i) => [i.code, i]));
  const codes = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  const structural: Cause[] = [];
  const numeric: (Cause & { kind: 'indicator' })[] = [];
  for (const code of codes) {
    const x = before.get(code);
    const y = after.get(code);
    const px = from.places?.get(a.nip)?.get(code)?.actual ?? null;
    const py = to.places?.get(b.nip)?.get(code)?.actual ?? null;
    const cause = {
      kind: 'indicator' as const,
      code,
      aspect: (y ?? x)!.aspect,
      from: x ? indicatorState(x, px) : null,
      to: y ? indicatorState(y, py) : null,
      delta: x && y && x.capaian !== null && y.capaian !== null ? round2(y.capaian - x.capaian) : null,
    };
    if (!x || !y || x.status !== y.status) structural.push(cause);
    else if (cause.delta !== null && (cause.delta !== 0 || x.actual !== y.actual || !sameTarget(x.target, y.target))) numeric.push(cause);
  }
  numeric.sort((p, q) => Math.abs(q.delta!) - Math.abs(p.delta!) || compareText(p.code, q.code));
  return [...structural, ...numeric.filter((c) => c.delta !== 0).slice(0, TOP_INDICATORS)];
}

/** Half-up (away from zero) on snapped values, so a fall and a rise of the same size look alike. */
function round2(x: number): number {
  return roundHalfUp(x, 2);
}

function compareEmployees(a: EmployeeDocument, b: EmployeeDocument, from: DiffSide, to: DiffSide): EmployeeChange | null {
  const changes: FieldChange[] = [];
  const check = (field: ChangeField, x: string | null, y: string | null): void => {
    if (x !== y) changes.push({ field, from: x, to: y });
  };
  check('predikat', a.predikat, b.predikat);
  check('workRating.final', a.workRating.final, b.workRating.final);
  check('workRating.suggested', a.workRating.suggested, b.workRating.suggested);
  check('behaviourRating', a.behaviourRating, b.behaviourRating);
  check('workBand', workBand(a.workScore, from.thresholds), workBand(b.workScore, to.thresholds));
  check('status', a.status, b.status);
  check('unit', a.unit, b.unit);
  if (changes.length === 0) return null;

  const causes: Cause[] = indicatorCauses(a, b, from, to);
  const aspectKeys = [...new Set([...Object.keys(a.aspects), ...Object.keys(b.aspects)])];
  const aspects = aspectKeys
    .map((key) => {
      const x = a.aspects[key] ?? null;
      const y = b.aspects[key] ?? null;
      return { kind: 'aspect' as const, key, from: x, to: y, delta: x !== null && y !== null ? round2(y - x) : null };
    })
    .filter((c) => c.from !== c.to)
    .sort((p, q) => Math.abs(q.delta ?? Infinity) - Math.abs(p.delta ?? Infinity) || compareText(p.key, q.key));
  causes.push(...aspects);
  const ikmA = a.satisfaction?.ikm ?? null;
  const ikmB = b.satisfaction?.ikm ?? null;
  if (ikmA !== ikmB) causes.push({ kind: 'satisfaction', from: ikmA, to: ikmB });
  if (a.behaviourRating !== b.behaviourRating) causes.push({ kind: 'behaviour', from: a.behaviourRating, to: b.behaviourRating });
  for (const [side, d] of [['from', a], ['to', b]] as const) {
    if (d.workRating.final !== d.workRating.suggested && d.workRating.final !== null) {
      causes.push({ kind: 'override', side, suggested: d.workRating.suggested, final: d.workRating.final });
    }
  }
  return {
    nip: b.nip,
    name: b.name,
    kind: 'changed',
    unit: { from: a.unit, to: b.unit },
    workScore: { from: a.workScore, to: b.workScore },
    changes,
    causes,
  };
}

export function diffResults(from: DiffSide, to: DiffSide): DiffDocument {
  const before = new Map(from.doc.employees.map((e) => [e.nip, e]));
  const after = new Map(to.doc.employees.map((e) => [e.nip, e]));
  const out: EmployeeChange[] = [];
  let compared = 0;
  for (const [nip, b] of after) {
    const a = before.get(nip);
    if (a === undefined) {
      out.push({
        nip, name: b.name, kind: 'joined', unit: { from: null, to: b.unit }, workScore: { from: null, to: b.workScore },
        changes: [{ field: 'unit', from: null, to: b.unit }], causes: [],
      });
      continue;
    }
    compared++;
    const c = compareEmployees(a, b, from, to);
    if (c) out.push(c);
  }
  for (const [nip, a] of before) {
    if (after.has(nip)) continue;
    out.push({
      nip, name: a.name, kind: 'left', unit: { from: a.unit, to: null }, workScore: { from: a.workScore, to: null },
      changes: [{ field: 'unit', from: a.unit, to: null }], causes: [],
    });
  }
  const order = { changed: 0, joined: 1, left: 2 };
  out.sort((p, q) => order[p.kind] - order[q.kind] || compareText(p.unit.to ?? p.unit.from ?? '', q.unit.to ?? q.unit.from ?? '') || compareText(p.nip, q.nip));
  return {
    from: { label: from.label, period: from.doc.period },
    to: { label: to.label, period: to.doc.period },
    counts: {
      compared,
      changed: out.filter((e) => e.kind === 'changed').length,
      moved: out.filter((e) => e.kind === 'changed' && e.changes.some((c) => c.field === 'unit')).length,
      joined: out.filter((e) => e.kind === 'joined').length,
      left: out.filter((e) => e.kind === 'left').length,
    },
    employees: out,
  };
}

// ---------------------------------------------------------------- rendering

const L = (lang: Lang, id: string, en: string): string => (lang === 'id' ? id : en);

const FIELD_LABELS: Record<ChangeField, { id: string; en: string }> = {
  predikat: { id: 'Predikat', en: 'Predikat' },
  'workRating.final': { id: 'Rating hasil kerja (akhir)', en: 'Work rating (final)' },
  'workRating.suggested': { id: 'Rating hasil kerja (usulan)', en: 'Work rating (suggested)' },
  behaviourRating: { id: 'Rating perilaku', en: 'Behaviour rating' },
  workBand: { id: 'Rentang nilai hasil kerja', en: 'Work score band' },
  status: { id: 'Status', en: 'Status' },
  unit: { id: 'Unit kerja', en: 'Work unit' },
};

function valueLabel(field: ChangeField, v: string | null, lang: Lang): string {
  if (v === null) return '–';
  if (field === 'predikat') return predikatLabel(v as Predikat, lang);
  if (field === 'workRating.final' || field === 'workRating.suggested' || field === 'behaviourRating' || field === 'workBand') {
    return ratingLabel(v as Rating, lang);
  }
  if (field === 'status') return v === 'complete' ? L(lang, 'Lengkap', 'Complete') : v === 'pending' ? L(lang, 'Tertunda', 'Pending') : v;
  return v;
}

const num = (x: number | null, lang: Lang): string => (x === null ? '–' : formatNumber(x, lang));
const signed = (x: number, lang: Lang): string => (x > 0 ? '+' : x < 0 ? '−' : '±') + formatNumber(Math.abs(x), lang);

export function changeText(c: FieldChange, lang: Lang): string {
  return `${FIELD_LABELS[c.field][lang]}: ${valueLabel(c.field, c.from, lang)} → ${valueLabel(c.field, c.to, lang)}`;
}

function stateText(s: IndicatorState | null, lang: Lang): string {
  if (s === null) return L(lang, 'tidak ada', 'absent');
  const target = typeof s.target === 'number' ? plainNumber(s.target, lang) : `${plainNumber(s.target.low, lang)}–${plainNumber(s.target.high, lang)}`;
  const actual = s.actual === null ? L(lang, 'belum dilaporkan', 'not reported') : plainNumber(s.actual, lang);
  return `T ${target} R ${actual} = ${num(s.capaian, lang)}`;
}

export function causeText(c: Cause, lang: Lang): string {
  switch (c.kind) {
    case 'indicator': {
      const d = c.delta === null ? '' : ` (${signed(c.delta, lang)})`;
      return `${c.code} ${L(lang, 'capaian', 'capaian')}: ${stateText(c.from, lang)} → ${stateText(c.to, lang)}${d}`;
    }
    case 'aspect':
      return `${L(lang, 'Aspek', 'Aspect')} ${c.key}: ${num(c.from, lang)} → ${num(c.to, lang)}${c.delta === null ? '' : ` (${signed(c.delta, lang)})`}`;
    case 'satisfaction':
      return `IKM: ${num(c.from, lang)} → ${num(c.to, lang)}`;
    case 'behaviour':
      return `${L(lang, 'Rating perilaku', 'Behaviour rating')}: ${valueLabel('behaviourRating', c.from, lang)} → ${valueLabel('behaviourRating', c.to, lang)}`;
    case 'override':
      return L(lang,
        `Rating pejabat penilai (${c.side === 'from' ? 'sebelum' : 'sesudah'}): ${valueLabel('workRating.final', c.final, lang)}, usulan ${valueLabel('workRating.suggested', c.suggested, lang)}`,
        `Appraiser's rating (${c.side === 'from' ? 'before' : 'after'}): ${valueLabel('workRating.final', c.final, lang)}, suggested ${valueLabel('workRating.suggested', c.suggested, lang)}`);
  }
}

function kindLabel(k: EmployeeChange['kind'], lang: Lang): string {
  return k === 'changed' ? L(lang, 'berubah', 'changed') : k === 'joined' ? L(lang, 'masuk', 'joined') : L(lang, 'keluar', 'left');
}

function changeLines(e: EmployeeChange, lang: Lang): string[] {
  if (e.kind === 'joined') return [L(lang, `Masuk: ${e.unit.to}`, `Joined: ${e.unit.to}`)];
  if (e.kind === 'left') return [L(lang, `Keluar dari ${e.unit.from}`, `Left ${e.unit.from}`)];
  return [...e.changes.map((c) => changeText(c, lang)), `${L(lang, 'Nilai', 'Score')}: ${num(e.workScore.from, lang)} → ${num(e.workScore.to, lang)}`];
}

export function renderDiff(doc: DiffDocument, opts: { color: boolean; lang: Lang }): string {
  const { lang, color } = opts;
  const c = new Chalk({ level: color ? 1 : 0 });
  const out: string[] = [c.bold(`${doc.from.label} → ${doc.to.label}`)];
  const n = doc.counts;
  out.push(L(lang,
    `${n.compared} pegawai dibandingkan: ${n.changed} berubah (${n.moved} pindah unit), ${n.joined} masuk, ${n.left} keluar.`,
    `${n.compared} employees compared: ${n.changed} changed (${n.moved} moved units), ${n.joined} joined, ${n.left} left.`));
  if (doc.employees.length === 0) return out.join('\n');
  const t = new Table({
    head: ['NIP', L(lang, 'Nama', 'Name'), L(lang, 'Unit', 'Unit'), L(lang, 'Perubahan', 'Change'), L(lang, 'Penyebab', 'Cause')],
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
    wordWrap: true,
    colWidths: [20, 22, 24, 42, 60],
  });
  for (const e of doc.employees) {
    const unit = e.unit.from !== null && e.unit.to !== null && e.unit.from !== e.unit.to ? `${e.unit.from} → ${e.unit.to}` : (e.unit.to ?? e.unit.from ?? '');
    t.push([e.nip, e.name, unit, changeLines(e, lang).join('\n'), e.causes.map((x) => causeText(x, lang)).join('\n')]);
  }
  out.push(t.toString());
  return out.join('\n');
}

/** Two sheets for `diff -o file.xlsx`: one row per employee, one row per cause. */
export function diffSheets(doc: DiffDocument, lang: Lang): { name: string; content: SheetContent }[] {
  const rating = (f: ChangeField, e: EmployeeChange, side: 'from' | 'to'): string | null => {
    const c = e.changes.find((x) => x.field === f);
    return c ? valueLabel(f, c[side], lang) : null;
  };
  const people: CellData[][] = doc.employees.map((e) => [
    e.nip, e.name, kindLabel(e.kind, lang), e.unit.from, e.unit.to, e.workScore.from, e.workScore.to,
    rating('workRating.final', e, 'from'), rating('workRating.final', e, 'to'),
    rating('predikat', e, 'from'), rating('predikat', e, 'to'),
    changeLines(e, lang).join('\n'),
  ]);
  const causes: CellData[][] = doc.employees.flatMap((e) =>
    e.causes.map((x): CellData[] => [
      e.nip, e.name, x.kind, x.kind === 'indicator' ? x.code : x.kind === 'aspect' ? x.key : null, causeText(x, lang),
      x.kind === 'indicator' || x.kind === 'aspect' ? x.delta : null,
      x.kind === 'indicator' ? (x.from?.place ?? null) : null,
      x.kind === 'indicator' ? (x.to?.place ?? null) : null,
    ]));
  return [
    {
      name: L(lang, 'Perubahan', 'Changes'),
      content: { blocks: [{ columns: [
        { header: 'NIP', type: 'text', width: 20 },
        { header: L(lang, 'Nama', 'Name'), type: 'text', width: 24 },
        { header: L(lang, 'Jenis', 'Kind'), type: 'text', width: 10 },
        { header: `${L(lang, 'Unit', 'Unit')} ${doc.from.label}`, type: 'text', width: 24 },
        { header: `${L(lang, 'Unit', 'Unit')} ${doc.to.label}`, type: 'text', width: 24 },
        { header: `${L(lang, 'Nilai', 'Score')} ${doc.from.label}`, type: 'number', width: 10 },
        { header: `${L(lang, 'Nilai', 'Score')} ${doc.to.label}`, type: 'number', width: 10 },
        { header: `${L(lang, 'Rating', 'Rating')} ${doc.from.label}`, type: 'text', width: 18 },
        { header: `${L(lang, 'Rating', 'Rating')} ${doc.to.label}`, type: 'text', width: 18 },
        { header: `Predikat ${doc.from.label}`, type: 'text', width: 16 },
        { header: `Predikat ${doc.to.label}`, type: 'text', width: 16 },
        { header: L(lang, 'Perubahan', 'Change'), type: 'text', width: 50 },
      ], rows: people }] },
    },
    {
      name: L(lang, 'Penyebab', 'Causes'),
      content: { blocks: [{ columns: [
        { header: 'NIP', type: 'text', width: 20 },
        { header: L(lang, 'Nama', 'Name'), type: 'text', width: 24 },
        { header: L(lang, 'Jenis', 'Kind'), type: 'text', width: 12 },
        { header: L(lang, 'Kode', 'Code'), type: 'text', width: 12 },
        { header: L(lang, 'Keterangan', 'Description'), type: 'text', width: 60 },
        { header: L(lang, 'Selisih', 'Change'), type: 'number', width: 10 },
        { header: `${L(lang, 'Sumber', 'Source')} ${doc.from.label}`, type: 'text', width: 36 },
        { header: `${L(lang, 'Sumber', 'Source')} ${doc.to.label}`, type: 'text', width: 36 },
      ], rows: causes }] },
    },
  ];
}
