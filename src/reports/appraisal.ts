import type { Lang, Text } from '../domain/i18n.js';
import { PREDIKATS, predikatLabel, type Predikat } from '../domain/ratings.js';
import type { CurveViolation } from '../engine/curve.js';
import { sebutanPp46Label, type SebutanPp46 } from '../engine/legacy/pp46.js';
import { pp30PredikatLabel } from '../engine/legacy/pp30.js';
import { orgPredikatLabel, type OrgPredikat } from '../engine/predikat.js';
import type { EmployeeResult } from '../engine/types.js';
import type { RunResult, UnitResult } from '../pipeline/types.js';
import { barChartSvg, CHART_WIDTH, renderPng, type BarChartSpec, type BarRow } from './chart.js';
import { compareText, sortedEmployees } from './common.js';
import type { CellData, ColumnDef, SheetBlock, SheetImage } from './sheets/types.js';

/**
 * What the Ringkasan, Pegawai, Unit and terminal reporters share about predikat, regime bands and
 * unit curves: labels, colours, the curve status of a unit and the predikat chart. No scoring here:
 * every number comes from the run.
 */

/** Predikat colours (SPEC §6), light fills that keep black text readable; same as the Pegawai sheet. */
export const BAND_FILLS: Record<string, string> = {
  SANGAT_BAIK: 'FFC6EFCE',
  BAIK: 'FFE2EFDA',
  BUTUH_PERBAIKAN: 'FFFFEB9C',
  CUKUP: 'FFFFEB9C',
  KURANG: 'FFF8CBAD',
  SANGAT_KURANG: 'FFFFC7CE',
  BURUK: 'FFFFC7CE',
};

const CHART_COLOURS: Record<string, string> = {
  SANGAT_BAIK: '#1a9850',
  BAIK: '#91cf60',
  BUTUH_PERBAIKAN: '#fee08b',
  CUKUP: '#fee08b',
  KURANG: '#fc8d59',
  SANGAT_KURANG: '#d73027',
  BURUK: '#d73027',
  PENDING: '#bdbdbd',
};

const PP46_BANDS: readonly SebutanPp46[] = ['SANGAT_BAIK', 'BAIK', 'CUKUP', 'KURANG', 'BURUK'];

/** The bands of the run's regime, best first: predikat (permenpan, pp-30) or sebutan (pp-46). */
export function regimeBands(run: RunResult): readonly string[] {
  return run.regime === 'pp-46-2011' ? PP46_BANDS : PREDIKATS;
}

export function bandLabel(run: RunResult, band: string, lang: Lang): string {
  if (run.regime === 'pp-46-2011') return sebutanPp46Label(band as SebutanPp46, lang);
  if (run.regime === 'pp-30-2019') return pp30PredikatLabel(band as Predikat, lang);
  return predikatLabel(band as Predikat, lang);
}

/** The employee's band under the run's regime, or null when pending. */
export function bandOf(run: RunResult, e: EmployeeResult): string | null {
  if (run.regime === 'permenpan-6-2022') return e.predikat;
  return e.legacy?.band ?? null;
}

export function bandCell(run: RunResult, band: string | null, lang: Lang): CellData {
  return band === null ? null : { value: bandLabel(run, band, lang), fill: BAND_FILLS[band] };
}

export const PENDING_LABEL: Text = { id: 'Tertunda', en: 'Pending' };

export function orgLabel(org: string | null, lang: Lang): string | null {
  return org === null ? null : orgPredikatLabel(org as OrgPredikat, lang);
}

export type CurveStatusCode = 'ok' | 'violation' | 'pending' | 'none';

export function curveStatus(u: UnitResult, lang: Lang): { code: CurveStatusCode; label: string } {
  const c = u.curveDetail ?? null;
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  if (c === null) return { code: 'none', label: L('Tidak diterapkan', 'Not applied') };
  if (c.violations.length > 0) return { code: 'violation', label: L(`Melanggar (${c.violations.length} aturan)`, `Broken (${c.violations.length} rule(s))`) };
  if (!c.complete) return { code: 'pending', label: L(`Belum final (${c.pending.length} tertunda)`, `Not final (${c.pending.length} pending)`) };
  return { code: 'ok', label: L('Memenuhi', 'Fits') };
}

/** `Baik ≤ 70% (maks 7)`, `Butuh Perbaikan atau Kurang ≥ 1`. */
export function ruleText(v: CurveViolation, n: number, lang: Lang): string {
  const set = v.predikats.map((p) => predikatLabel(p, lang)).join(lang === 'id' ? ' atau ' : ' or ');
  const pct = /_(\d+)_/.exec(v.rule)?.[1];
  const limit = v.kind === 'min' ? v.required! : v.allowed!;
  const op = v.kind === 'min' ? '≥' : '≤';
  const word = v.kind === 'min' ? (lang === 'id' ? 'min' : 'min') : lang === 'id' ? 'maks' : 'max';
  if (pct !== undefined && !(v.rule.includes('_MIN_1_') || v.rule.includes('_MAX_0_'))) return `${set} ${op} ${pct}% × ${n} (${word} ${limit})`;
  return `${set} ${op} ${limit}`;
}

/** `Baik maks 8`, `Butuh Perbaikan/Kurang min 1`: the rule as a head count, for tight spaces. */
export function shortRule(v: CurveViolation, lang: Lang): string {
  const set = v.predikats.map((p) => predikatLabel(p, lang).split('/')[0]).join('/');
  return v.kind === 'min' ? `${set} min ${v.required}` : `${set} ${lang === 'id' ? 'maks' : 'max'} ${v.allowed}`;
}

/** Names by NIP, made once per employee list (reviewText runs once per curve violation). */
const NAMES = new WeakMap<readonly EmployeeResult[], { size: number; names: Map<string, string> }>();
function nameOf(run: RunResult): Map<string, string> {
  const cached = NAMES.get(run.employees);
  if (cached !== undefined && cached.size === run.employees.length) return cached.names;
  const names = new Map(run.employees.map((e) => [e.employee.nip, e.employee.name]));
  NAMES.set(run.employees, { size: run.employees.length, names });
  return names;
}

export function reviewText(run: RunResult, nips: readonly string[]): string {
  const names = nameOf(run);
  return nips.map((n) => `${n} (${names.get(n) ?? '?'})`).join('; ');
}

/** Ringkasan: the distribution of predikat (or of the regime's bands), pending included. */
export function distributionBlock(run: RunResult, lang: Lang): SheetBlock {
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const counts = new Map<string, number>();
  let pending = 0;
  for (const e of run.employees) {
    const b = bandOf(run, e);
    if (b === null) pending++;
    else counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const total = run.employees.length;
  const share = (n: number): number | null => (total === 0 ? null : Math.round((n / total) * 10000) / 100);
  const title = run.regime === 'pp-46-2011' ? L('Distribusi sebutan (PP 46/2011)', 'Distribution of grades (PP 46/2011)') : L('Distribusi predikat kinerja', 'Distribution of performance predikat');
  return {
    title,
    columns: [
      { header: run.regime === 'pp-46-2011' ? L('Sebutan', 'Grade') : 'Predikat', type: 'general', width: 22 },
      { header: L('Pegawai', 'Employees'), type: 'integer', width: 10 },
      { header: '%', type: 'number', width: 8 },
    ],
    rows: [
      ...regimeBands(run).map((b): CellData[] => [bandCell(run, b, lang), counts.get(b) ?? 0, share(counts.get(b) ?? 0)]),
      [PENDING_LABEL[lang], pending, share(pending)],
    ],
  };
}

export function violationColumns(lang: Lang): ColumnDef[] {
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  return [
    { header: L('Unit Kerja', 'Work Unit'), type: 'general', width: 30 },
    { header: L('Predikat Organisasi', 'Organisational Predikat'), type: 'general', width: 16 },
    { header: L('Aturan', 'Rule'), type: 'general', width: 30 },
    { header: L('Kode Aturan', 'Rule Code'), type: 'general', width: 24 },
    { header: L('Batas', 'Limit'), type: 'integer', width: 8 },
    { header: L('Ada', 'Found'), type: 'integer', width: 8 },
    { header: L('Selisih', 'Gap'), type: 'integer', width: 8 },
    { header: L('Pegawai yang perlu ditinjau', 'Employees to review'), type: 'general', width: 50 },
    { header: L('Sementara', 'Provisional'), type: 'general', width: 10 },
    { header: L('Keterangan', 'Message'), type: 'general', width: 60 },
  ];
}

export function violationRows(run: RunResult, lang: Lang): CellData[][] {
  const rows: CellData[][] = [];
  for (const u of [...run.units].sort((a, b) => compareText(a.unit, b.unit))) {
    const c = u.curveDetail;
    if (!c) continue;
    for (const v of c.violations) {
      rows.push([
        { value: u.unit, fill: 'FFFFC7CE' },
        orgLabel(u.orgPredikat, lang),
        ruleText(v, c.n, lang),
        v.rule,
        v.kind === 'min' ? v.required : v.allowed,
        v.actual,
        v.gap,
        reviewText(run, v.reviewCandidates),
        v.provisional ? (lang === 'id' ? 'ya' : 'yes') : null,
        v.text[lang],
      ]);
    }
  }
  return rows;
}

/** Ringkasan: every curve violation with the employees to review; a line when there is none. */
export function violationsBlock(run: RunResult, lang: Lang): SheetBlock {
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  const rows = violationRows(run, lang);
  const columns = violationColumns(lang);
  if (rows.length === 0) {
    const none = run.regime !== 'permenpan-6-2022'
      ? L(`Kurva distribusi (SE MenPANRB 3/2023) tidak berlaku untuk ${run.regime}.`, `The distribution curve (SE MenPANRB 3/2023) does not apply under ${run.regime}.`)
      : run.units.some((u) => u.curveDetail)
        ? L('Tidak ada pelanggaran kurva distribusi.', 'No distribution curve violation.')
        : L('Kurva tidak diperiksa: tidak ada berkas unit.', 'Curve not checked: no unit file.');
    rows.push([none, ...columns.slice(1).map(() => null)]);
  }
  return { title: L('Pelanggaran kurva distribusi (SE MenPANRB 3/2023)', 'Distribution curve violations (SE MenPANRB 3/2023)'), columns, rows };
}

/** The chart spec: one bar per unit (leader excluded when the curve applies) and one for all. */
export function predikatChartSpec(run: RunResult, lang: Lang): BarChartSpec | null {
  const L = (id: string, en: string): string => (lang === 'id' ? id : en);
  if (run.employees.length === 0) return null;
  const bands = regimeBands(run);
  const count = (list: readonly EmployeeResult[]) => {
    const segs = bands.map((b) => ({ key: b, value: list.filter((e) => bandOf(run, e) === b).length }));
    segs.push({ key: 'PENDING', value: list.filter((e) => bandOf(run, e) === null).length });
    return segs;
  };
  const units = [...run.units].sort((a, b) => compareText(a.unit, b.unit));
  const byUnit = new Map<string, EmployeeResult[]>();
  for (const e of sortedEmployees(run)) {
    const list = byUnit.get(e.employee.unit);
    if (list) list.push(e);
    else byUnit.set(e.employee.unit, [e]);
  }
  const rows: BarRow[] = units.map((u): BarRow => {
    const c = u.curveDetail ?? null;
    const members = (byUnit.get(u.unit) ?? []).filter((e) => !(c !== null && e.employee.nip === u.leaderNip));
    const status = curveStatus(u, lang);
    const org = orgLabel(u.orgPredikat, lang);
    const note = c === null
      ? status.label
      : status.code === 'violation'
        ? `${org}: ${c.violations.map((v) => `${shortRule(v, lang)} (${L('ada', 'found')} ${v.actual})`).join('; ')}`
        : `${org}: ${status.label}`;
    return { label: `${u.unit} (${members.length})`, segments: count(members), note, alert: status.code === 'violation' };
  });
  rows.unshift({ label: L(`Semua pegawai (${run.employees.length})`, `All employees (${run.employees.length})`), segments: count(run.employees), note: '', alert: false, emphasis: true });
  return {
    title: run.regime === 'pp-46-2011' ? L('Distribusi sebutan per unit kerja', 'Distribution of grades per work unit') : L('Distribusi predikat per unit kerja terhadap kurva', 'Predikat distribution per work unit against the curve'),
    subtitle: L(
      'Bar = pegawai unit di luar pimpinan (kurva SE MenPANRB 3/2023); garis putus-putus di 10%, 60% dan 70%; kanan: predikat organisasi dan status kurva.',
      'Bar = the unit’s employees besides the leader (curve of SE MenPANRB 3/2023); dashed lines at 10%, 60% and 70%; right: organisational predikat and curve status.',
    ),
    legend: [
      ...bands.map((b) => ({ key: b, label: bandLabel(run, b, lang), color: CHART_COLOURS[b]! })),
      { key: 'PENDING', label: PENDING_LABEL[lang], color: CHART_COLOURS.PENDING! },
    ],
    rows,
  };
}

export function predikatChartImage(run: RunResult, lang: Lang): SheetImage | null {
  const spec = predikatChartSpec(run, lang);
  if (spec === null) return null;
  const svg = barChartSvg(spec);
  const height = Number(/height="(\d+)"/.exec(svg)![1]);
  return { png: renderPng(svg), name: 'grafik-predikat', width: CHART_WIDTH, height };
}
