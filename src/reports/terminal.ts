import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { formatNumber } from '../domain/exact.js';
import type { Lang } from '../domain/i18n.js';
import type { Issue, Severity } from '../domain/issues.js';
import { formatPlace } from '../domain/place.js';
import { isoDate } from '../domain/period.js';
import { ratingLabel } from '../domain/ratings.js';
import type { RunResult } from '../pipeline/types.js';
import { trainingSummaryLine } from './training.js';
import { ekinerjaSummaryLine } from './ekinerja.js';
import {
  countBySeverity,
  RATINGS_BEST_FIRST,
  SEVERITIES,
  severityLabel,
  sortedEmployees,
  sortedIssues,
  totalSummary,
  unitSummaries,
  type UnitSummary,
} from './common.js';
import { renderAppraisalSummary } from './terminal-appraisal.js';

/**
 * What a person sees on the terminal after `run` and `validate`. The caller decides colour once
 * (--no-color, NO_COLOR, TERM=dumb, not a terminal); chalk 5 ignores NO_COLOR, so we build our own
 * Chalk instance with that decision, and cli-table3 gets empty styles when colour is off.
 */

export interface TerminalOptions {
  color: boolean;
  lang: Lang;
}

export interface SummaryOptions extends TerminalOptions {
  /** Paths of the files written; empty on --dry-run. */
  outputs: string[];
}

export interface IssueListOptions extends TerminalOptions {
  /** Show at most this many groups of issues; the rest are counted. Default: all. */
  limit?: number;
}

/** How many issues the run summary lists before it counts the rest. */
const SUMMARY_ISSUES = 5;
/** How many places a group of repeated issues lists before it counts the rest. */
const GROUP_PLACES = 5;

function painter(color: boolean): ChalkInstance {
  return new Chalk({ level: color ? 1 : 0 });
}

function table(head: string[], color: boolean, numericFrom: number): Table.Table {
  return new Table({
    head,
    colAligns: head.map((_, i) => (i >= numericFrom ? 'right' : 'left')),
    style: color ? { head: ['cyan'], border: ['grey'] } : { head: [], border: [] },
  });
}

const tr = (lang: Lang, id: string, en: string): string => (lang === 'id' ? id : en);

function severityPaint(c: ChalkInstance, s: Severity): (text: string) => string {
  return s === 'error' ? c.red : s === 'warning' ? c.yellow : c.blue;
}

const TALLY: Record<Severity, { id: string; en: [string, string] }> = {
  error: { id: 'kesalahan', en: ['error', 'errors'] },
  warning: { id: 'peringatan', en: ['warning', 'warnings'] },
  info: { id: 'informasi', en: ['notice', 'notices'] },
};

/** `2 kesalahan, 1 peringatan` — only the severities that occur. */
function tally(issues: readonly Issue[], lang: Lang, c: ChalkInstance): string {
  const counts = countBySeverity(issues);
  return SEVERITIES.filter((s) => counts[s] > 0)
    .map((s) => {
      const n = counts[s];
      const word = lang === 'id' ? TALLY[s].id : TALLY[s].en[n === 1 ? 0 : 1];
      return severityPaint(c, s)(`${n} ${word}`);
    })
    .join(', ');
}

function unitCells(u: UnitSummary, label: string, lang: Lang): (string | number)[] {
  return [
    label,
    u.employees,
    u.complete,
    u.pending,
    u.meanWorkScore === null ? '–' : formatNumber(u.meanWorkScore, lang),
    ...RATINGS_BEST_FIRST.map((r) => u.final[r]),
  ];
}

/** The terminal summary of `appraise run`. */
export function renderSummary(run: RunResult, opts: SummaryOptions): string {
  const { lang, color } = opts;
  const c = painter(color);
  const out: string[] = [];
  const p = run.period;
  out.push(
    c.bold(
      `${run.config.organisation} — ${tr(lang, 'periode', 'period')} ${p.id} (${isoDate(p.start)} ${tr(lang, 's.d.', 'to')} ${isoDate(p.end)}) — ${run.regime}`,
    ),
  );

  const units = table(
    [
      tr(lang, 'Unit Kerja', 'Work Unit'),
      tr(lang, 'Pegawai', 'Employees'),
      tr(lang, 'Lengkap', 'Complete'),
      tr(lang, 'Tertunda', 'Pending'),
      tr(lang, 'Rerata Nilai', 'Mean Score'),
      ...RATINGS_BEST_FIRST.map((r) => ratingLabel(r, lang)),
    ],
    color,
    1,
  );
  for (const u of unitSummaries(run)) units.push(unitCells(u, u.unit, lang));
  const total = totalSummary(run);
  units.push(unitCells(total, c.bold(tr(lang, 'Jumlah', 'Total')), lang));
  out.push(units.toString());
  out.push(
    c.dim(
      tr(
        lang,
        'Kolom rating: rating hasil kerja akhir; nilai: rerata nilai hasil kerja pegawai yang lengkap.',
        'Rating columns: final work result rating; score: mean work result score of complete employees.',
      ),
    ),
  );
  out.push('');
  out.push(renderAppraisalSummary(run, { color, lang }));
  if (total.pending > 0) {
    out.push(c.yellow(tr(lang, `${total.pending} pegawai tertunda (lihat kolom Alasan di sheet Pegawai).`, `${total.pending} employee(s) pending (see the Reasons column of the Pegawai sheet).`)));
  }

  out.push('');
  if (run.issues.length === 0) {
    out.push(c.green(tr(lang, 'Masalah data: tidak ada.', 'Data issues: none.')));
  } else {
    out.push(`${tr(lang, 'Masalah data', 'Data issues')}: ${run.issues.length} (${tally(run.issues, lang, c)})`);
    const sorted = sortedIssues(run.issues);
    for (const i of sorted.slice(0, SUMMARY_ISSUES)) {
      out.push(`  ${severityPaint(c, i.severity)(formatPlace(i))}  ${i.message}`);
    }
    const more = sorted.length - SUMMARY_ISSUES;
    if (more > 0) {
      out.push(c.dim(tr(lang, `  … dan ${more} lainnya (sheet Masalah Data)`, `  … and ${more} more (Masalah Data sheet)`)));
    }
  }

  if (run.inputs.length > 0) {
    out.push('');
    out.push(tr(lang, 'Berkas masukan:', 'Input files:'));
    const files = table(
      [tr(lang, 'Berkas', 'File'), tr(lang, 'Dibaca', 'Read'), tr(lang, 'Diterima', 'Accepted'), tr(lang, 'Ditolak', 'Rejected')],
      color,
      1,
    );
    for (const f of run.inputs) files.push([f.file, f.read, f.accepted, f.rejected > 0 ? c.red(String(f.rejected)) : f.rejected]);
    out.push(files.toString());
  }

  const training = trainingSummaryLine(run, lang);
  if (training !== null) {
    out.push('');
    out.push(training);
  }

  const ekinerja = ekinerjaSummaryLine(run, lang);
  if (ekinerja !== null) {
    out.push('');
    out.push(ekinerja);
  }

  if (opts.outputs.length > 0) {
    out.push('');
    out.push(tr(lang, 'Laporan ditulis:', 'Reports written:'));
    for (const o of opts.outputs) out.push(`  ${c.green(o)}`);
  }

  out.push('');
  out.push(`${tr(lang, 'Berikutnya', 'Next')}: ${c.cyan(nextCommand(run))}`);
  return out.join('\n');
}

/** Data errors first (validate shows them all), else the explanation of one employee. */
function nextCommand(run: RunResult): string {
  if (run.issues.some((i) => i.severity === 'error')) return `appraise validate --period ${run.period.id}`;
  const emps = sortedEmployees(run);
  const pick = emps.find((e) => e.status === 'pending') ?? emps[0];
  return pick === undefined
    ? `appraise validate --period ${run.period.id}`
    : `appraise explain ${pick.employee.nip} --period ${run.period.id}`;
}

interface IssueGroup {
  first: Issue;
  places: string[];
}

/** Repeats of the same problem (same severity, code, message and hint) are shown once with their places. */
function groupIssues(issues: readonly Issue[]): IssueGroup[] {
  const groups = new Map<string, IssueGroup>();
  for (const i of sortedIssues(issues)) {
    const key = JSON.stringify([i.severity, i.code, i.message, i.hint]);
    const g = groups.get(key);
    if (g) g.places.push(formatPlace(i));
    else groups.set(key, { first: i, places: [formatPlace(i)] });
  }
  return [...groups.values()];
}

/** Every issue with its place, code, message and hint, for `appraise validate`; the tally comes last. */
export function renderIssues(issues: readonly Issue[], opts: IssueListOptions): string {
  const { lang, color } = opts;
  const c = painter(color);
  if (issues.length === 0) return c.green(tr(lang, 'Tidak ada masalah data.', 'No data issues.'));
  const groups = groupIssues(issues);
  const limit = opts.limit ?? groups.length;
  const out: string[] = [];
  for (const g of groups.slice(0, limit)) {
    const i = g.first;
    const paint = severityPaint(c, i.severity);
    const repeat = g.places.length > 1 ? ` (×${g.places.length})` : '';
    out.push(`${paint(severityLabel(i.severity, lang))}  ${c.bold(g.places[0]!)}  ${i.message}${repeat} ${c.dim(`[${i.code}]`)}`);
    if (g.places.length > 1) {
      const shown = g.places.slice(1, GROUP_PLACES + 1);
      const rest = g.places.length - 1 - shown.length;
      const restText = rest > 0 ? tr(lang, ` … dan ${rest} lainnya`, ` … and ${rest} more`) : '';
      out.push(`    ${tr(lang, 'juga di', 'also at')}: ${shown.join(', ')}${restText}`);
    }
    if (i.hint !== '') out.push(`    ${tr(lang, 'Saran', 'Hint')}: ${i.hint}`);
  }
  const hidden = groups.length - Math.min(limit, groups.length);
  if (hidden > 0) out.push(c.dim(tr(lang, `… dan ${hidden} masalah lain`, `… and ${hidden} more problems`)));
  out.push(`${tr(lang, 'Masalah data', 'Data issues')}: ${issues.length} (${tally(issues, lang, c)})`);
  return out.join('\n');
}
