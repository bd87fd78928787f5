import { Chalk } from 'chalk';
import { formatNumber } from '../domain/exact.js';
import type { Lang } from '../domain/i18n.js';
import { formatPlace, type CellPlace } from '../domain/place.js';
import { predikatLabel, ratingLabel, type Predikat, type Rating } from '../domain/ratings.js';
import type { EmployeeResult } from '../engine/types.js';
import type { RunResult } from '../pipeline/types.js';
import { directionLabel, kindLabel, plainNumber, roundForReport, sortedIssues, statusLabel, targetText } from './common.js';
import { issueDocument } from './issues-json.js';
import type { IssueDocument } from './results-json.js';
import type { SheetContent } from './sheets/types.js';

/**
 * `appraise explain <nip>`: every step from the input cells to the result of one employee, built
 * from the same RunResult the reports are rendered from (computed afresh, never read from an old
 * file), so the explanation always matches the current inputs and config.
 *
 * Steps come in sections: the employee's roster row; the input cells of each indicator; the policy
 * choices of the config that the scoring applied; every step of the engine's explanation in its
 * order (capaian, aspects, renormalisation, work score, rating, and whatever later stages add:
 * behaviour, matrix, curve, IKM source, training); and the result.
 */

export type ExplainSection = 'employee' | 'input' | 'policy' | 'computation' | 'result' | 'issue';

export interface ExplainStep {
  no: number;
  section: ExplainSection;
  /** Stable key: `roster`, `indicator`, `policy`, the engine's step keys, `status`, … */
  step: string;
  text: string;
  /** Unrounded, as decided on; texts show the 2-decimal figures. */
  value: number | string | null;
  /** Places as `file!sheet!C17` or `file:17:C`. */
  sources: string[];
}

export interface ExplainDocument {
  period: string;
  regime: string;
  nip: string;
  name: string;
  unit: string;
  position: string;
  status: EmployeeResult['status'];
  pendingReasons: string[];
  workScore: number | null;
  workRating: { suggested: Rating | null; final: Rating | null };
  behaviourRating: Rating | null;
  predikat: Predikat | null;
  /** The IKM the kepuasan-masyarakat aspect used, unrounded; null without survey data. */
  satisfaction: { ikm: number; mutu: string; respondents: number; basis: string } | null;
  indicators: {
    code: string;
    text: string;
    aspect: string;
    kind: string;
    direction: string;
    weight: number;
    target: number | { low: number; high: number };
    actual: number | null;
    capaian: number | null;
    uncapped: number | null;
    formula: string;
    status: string;
    places: { row: string; target: string; actual: string };
  }[];
  aspects: { key: string; label: string; weight: number; score: number | null; source: string; note: string | null }[];
  steps: ExplainStep[];
  /** Data issues on this employee's rows, or that name the NIP. */
  issues: IssueDocument[];
}

const L = (lang: Lang, id: string, en: string): string => (lang === 'id' ? id : en);

const BASIS: Record<string, Record<Lang, string>> = {
  service: { id: 'IKM layanan', en: 'service IKM' },
  unit: { id: 'IKM unit kerja', en: 'unit IKM' },
  officer: { id: 'IKM petugas', en: 'officer IKM' },
};

/** Sections of the config whose scalar values are policy choices worth showing. */
const POLICY_SECTIONS = ['scoring', 'feedback', 'behaviour', 'curve', 'training'];

function policyLeaves(obj: unknown, prefix: string, out: [string, string][]): void {
  if (obj === null || obj === undefined) return;
  if (typeof obj !== 'object') {
    out.push([prefix, String(obj)]);
    return;
  }
  if (Array.isArray(obj)) {
    if (obj.every((x) => typeof x !== 'object' || x === null)) out.push([prefix, obj.join(', ')]);
    else obj.forEach((x, i) => policyLeaves(x, `${prefix}[${i}]`, out));
    return;
  }
  for (const [k, v] of Object.entries(obj)) policyLeaves(v, prefix ? `${prefix}.${k}` : k, out);
}

/** A place; a whole row (no column) as Excel writes it, `file!sheet!71:71`, not `!71`. */
function placeText(p: CellPlace): string {
  return p.sheet !== undefined && p.column === undefined && p.row !== undefined ? `${p.file}!${p.sheet}!${p.row}:${p.row}` : formatPlace(p);
}

function samePlaceRow(issue: { file: string; sheet?: string; row?: number }, p: CellPlace): boolean {
  return issue.row !== undefined && issue.file === p.file && (issue.sheet ?? '') === (p.sheet ?? '') && issue.row === p.row;
}

export function buildExplanation(run: RunResult, nip: string): ExplainDocument | null {
  const e = run.employees.find((x) => x.employee.nip === nip);
  if (!e) return null;
  const lang = run.lang;
  const emp = e.employee;
  const steps: ExplainStep[] = [];
  const add = (section: ExplainSection, step: string, text: string, value: number | string | null = null, sources: CellPlace[] = []): void => {
    steps.push({ no: steps.length + 1, section, step, text, value, sources: sources.map(placeText) });
  };

  add('employee', 'roster',
    `${emp.nip} ${emp.name} — ${emp.position}, ${emp.unit}` +
      (emp.supervisorNip ? L(lang, `; atasan ${emp.supervisorNip}`, `; supervisor ${emp.supervisorNip}`) : '') +
      (emp.services.length > 0 ? L(lang, `; layanan ${emp.services.join(', ')}`, `; services ${emp.services.join(', ')}`) : ''),
    emp.nip, [emp.place]);

  for (const r of e.indicators) {
    const i = r.indicator;
    const actual = i.actual === null ? L(lang, 'kosong (belum dilaporkan)', 'blank (not reported)') : plainNumber(i.actual, lang);
    add('input', 'indicator',
      `${i.code} ${i.text} — ${L(lang, 'aspek', 'aspect')} ${i.aspect}, ${kindLabel(i.kind, lang)}, ${directionLabel(i.direction, lang)}, ` +
        `${L(lang, 'bobot', 'weight')} ${plainNumber(i.weight, lang)}: target ${targetText(i.target, lang)}${i.unitLabel ? ' ' + i.unitLabel : ''}, ` +
        `${L(lang, 'realisasi', 'realisasi')} ${actual}`,
      i.actual, [i.places.target, i.places.actual]);
  }
  if (e.indicators.length === 0) add('input', 'indicator', L(lang, 'Tidak ada baris indikator untuk NIP ini.', 'No indicator rows for this NIP.'));

  add('policy', 'regime', `regime: ${run.regime}`, run.regime);
  const aspectText = run.config.aspects.map((a) => `${a.label} (${a.key}) ${plainNumber(a.weight, lang)}, ${a.source}`).join('; ');
  add('policy', 'aspects', `${L(lang, 'Aspek dan bobot', 'Aspects and weights')}: ${aspectText}`);
  const cfg = run.config as unknown as Record<string, unknown>;
  for (const section of POLICY_SECTIONS) {
    const leaves: [string, string][] = [];
    policyLeaves(cfg[section], section, leaves);
    for (const [k, v] of leaves) add('policy', 'policy', `${k}: ${v}`, v);
  }

  for (const s of e.explanation) add('computation', s.step, s.text, s.value ?? null, s.sources ?? []);

  add('result', 'status', `${L(lang, 'Status', 'Status')}: ${statusLabel(e.status, lang)}` +
    (e.pendingReasons.length > 0 ? ` — ${e.pendingReasons.join('; ')}` : ''), e.status);
  add('result', 'workScore', `${L(lang, 'Nilai hasil kerja', 'Work score')}: ${e.workScore === null ? '–' : formatNumber(e.workScore, lang)}`, e.workScore);
  const rating = (r: Rating | null): string => (r === null ? '–' : ratingLabel(r, lang));
  add('result', 'workRating',
    `${L(lang, 'Rating hasil kerja', 'Work result rating')}: ${L(lang, 'usulan', 'suggested')} ${rating(e.workRating.suggested)}, ${L(lang, 'akhir', 'final')} ${rating(e.workRating.final)}`,
    e.workRating.final);
  add('result', 'behaviourRating', `${L(lang, 'Rating perilaku kerja', 'Behaviour rating')}: ${rating(e.behaviourRating)}`, e.behaviourRating);
  add('result', 'predikat', `Predikat: ${e.predikat === null ? L(lang, '– (belum ditetapkan)', '– (not determined)') : predikatLabel(e.predikat, lang)}`, e.predikat);
  if (e.satisfaction) {
    add('result', 'satisfaction', `IKM ${formatNumber(e.satisfaction.ikm, lang)} (${BASIS[e.satisfaction.basis][lang]}, ${e.satisfaction.respondents} ${L(lang, 'responden', 'respondents')}, mutu ${e.satisfaction.mutu})`, e.satisfaction.ikm);
  }
  for (const t of e.training ?? []) add('result', 'training', `${L(lang, 'Pelatihan', 'Training')} ${t.code}: ${t.reason}`, t.code);

  // Issues on the employee's own rows (accepted rows can carry warnings) or that name the NIP.
  const places = [emp.place, ...e.indicators.map((r) => r.indicator.places.row)];
  const issues = sortedIssues(run.issues).filter((i) => places.some((p) => samePlaceRow(i, p)) || i.message.includes(nip));
  for (const i of issues) add('issue', i.code, `${i.message} → ${i.hint}`, i.severity, [i]);

  return {
    period: run.period.id,
    regime: run.regime,
    nip: emp.nip,
    name: emp.name,
    unit: emp.unit,
    position: emp.position,
    status: e.status,
    pendingReasons: [...e.pendingReasons],
    workScore: e.workScore,
    workRating: { ...e.workRating },
    behaviourRating: e.behaviourRating,
    predikat: e.predikat,
    satisfaction: e.satisfaction ? { ikm: e.satisfaction.ikm, mutu: e.satisfaction.mutu, respondents: e.satisfaction.respondents, basis: e.satisfaction.basis } : null,
    indicators: e.indicators.map((r) => ({
      code: r.indicator.code,
      text: r.indicator.text,
      aspect: r.indicator.aspect,
      kind: r.indicator.kind,
      direction: r.indicator.direction,
      weight: r.indicator.weight,
      target: r.indicator.target.kind === 'value' ? r.indicator.target.value : { low: r.indicator.target.low, high: r.indicator.target.high },
      actual: r.indicator.actual,
      capaian: r.capaian,
      uncapped: r.uncapped,
      formula: r.formula,
      status: r.status,
      places: {
        row: placeText(r.indicator.places.row),
        target: formatPlace(r.indicator.places.target),
        actual: formatPlace(r.indicator.places.actual),
      },
    })),
    aspects: e.aspects.map((a) => ({ key: a.key, label: a.label, weight: a.weight, score: a.score, source: a.source, note: a.note })),
    steps,
    issues: issues.map(issueDocument),
  };
}

const SECTION_TITLES: Record<ExplainSection, { id: string; en: string }> = {
  employee: { id: 'Pegawai', en: 'Employee' },
  input: { id: 'Sel masukan', en: 'Input cells' },
  policy: { id: 'Kebijakan yang berlaku', en: 'Policy in force' },
  computation: { id: 'Perhitungan', en: 'Computation' },
  result: { id: 'Hasil', en: 'Result' },
  issue: { id: 'Masalah data', en: 'Data issues' },
};

export function sectionTitle(s: ExplainSection, lang: Lang): string {
  return SECTION_TITLES[s][lang];
}

/** The terminal rendering: sections with numbered steps, sources indented under each. */
export function renderExplanation(doc: ExplainDocument, opts: { color: boolean; lang: Lang }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const { lang } = opts;
  const out: string[] = [c.bold(`${doc.nip} ${doc.name} — ${doc.unit} — ${L(lang, 'periode', 'period')} ${doc.period} (${doc.regime})`)];
  let section: ExplainSection | null = null;
  for (const s of doc.steps) {
    if (s.section !== section) {
      section = s.section;
      out.push('', c.bold.underline(sectionTitle(section, lang)));
    }
    out.push(`${String(s.no).padStart(3)}. ${s.text}`);
    for (const src of s.sources) out.push(c.dim(`       ↳ ${src}`));
  }
  return out.join('\n');
}

/** The one sheet of `explain -o file.xlsx`: the steps with their sources. */
export function explanationSheet(doc: ExplainDocument, lang: Lang): { name: string; content: SheetContent } {
  return {
    name: L(lang, 'Penjelasan', 'Explanation'),
    content: {
      blocks: [
        {
          columns: [
            { header: 'No', type: 'integer', width: 5 },
            { header: L(lang, 'Bagian', 'Section'), type: 'text', width: 14 },
            { header: L(lang, 'Langkah', 'Step'), type: 'text', width: 12 },
            { header: L(lang, 'Keterangan', 'Description'), type: 'text', width: 60 },
            { header: L(lang, 'Nilai', 'Value'), type: 'general', width: 12 },
            { header: L(lang, 'Sumber', 'Sources'), type: 'text', width: 40 },
          ],
          rows: doc.steps.map((s) => [
            s.no,
            sectionTitle(s.section, lang),
            s.step,
            s.text,
            typeof s.value === 'number' ? { value: roundForReport(s.value, 4), numFmt: '0.00' } : s.value,
            s.sources.join('\n'),
          ]),
        },
      ],
    },
  };
}
