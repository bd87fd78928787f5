import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Config } from '../config/schema.js';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';
import { IssueSink } from '../domain/issues.js';
import { parseNip } from '../domain/nip.js';
import { containsDate, isoDate, type Period } from '../domain/period.js';
import type { Employee } from '../engine/types.js';
import { ingestBehaviour } from '../ingest/behaviour.js';
import { COLUMNS, UNSUR } from '../ingest/columns.js';
import { FeedbackIngest } from '../ingest/feedback.js';
import { ingestIndicators } from '../ingest/indicators.js';
import { ingestRoster } from '../ingest/roster.js';
import { RowReader } from '../ingest/row.js';
import { normalizeHeader, openTable, type OpenedTable } from '../io/table.js';
import type { CellValue, TableRow } from '../io/types.js';
import { cellText, parseDate, parseNumber } from '../io/values.js';
import { DATA_SHEET_NAMES } from '../workspace/template.js';
import { dataDir, locateInput, periodDir } from '../workspace/layout.js';
import type { OutColumn, OutFormat, OutTable } from './write.js';

/**
 * `appraise import <kind> <file> --period P [--map mapping.yaml]` (SPEC §7): a foreign sheet →
 * the workspace's canonical file, through a column mapping, validated as a run would validate it.
 * Roster, indicators, behaviour and (with a roster) feedback go through the run's own ingest
 * modules, so an imported file raises exactly the issues a run would raise on it. Behaviour without
 * a workspace roster is checked by the same ingest with every NIP taken as known (IMPORT_NO_ROSTER
 * says so); feedback without a roster gets basic checks (dates, unit or service, answers 1–4).
 * A file with any error is not written: the user fixes the source (or the mapping) and imports again.
 */
export const IMPORT_KINDS = ['pegawai', 'indikator', 'perilaku', 'umpan-balik'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/**
 * The mapping file: `Foreign header: canonicalKey` pairs, either at the top level, under the kind
 * (`indikator: {...}`), or under `columns.<kind>` as in appraise.config.yaml. A value may also be the
 * canonical Indonesian header ('Kode IKI: Kode').
 */
export function loadMapping(path: string, kind: ImportKind, lang: Lang): Record<string, string> {
  const t = (id: string, en: string) => (lang === 'id' ? id : en);
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new AppError(EXIT.usage, t(`Berkas pemetaan ${path} tidak dapat dibaca: ${(e as Error).message}`, `The mapping file ${path} cannot be read: ${(e as Error).message}`),
      t('Tulis pemetaan sebagai YAML: "Judul Asing: kunci", satu per baris.', 'Write the mapping as YAML: "Foreign Header: key", one per line.'));
  }
  let m: unknown = doc;
  if (isRecord(m) && isRecord(m.columns)) m = m.columns;
  if (isRecord(m) && isRecord(m[kind])) m = m[kind];
  if (!isRecord(m) || !Object.values(m).every((v) => typeof v === 'string')) {
    throw new AppError(EXIT.usage, t(`Berkas pemetaan ${path} harus berisi pasangan "Judul Asing: kunci".`, `The mapping file ${path} must hold "Foreign Header: key" pairs.`),
      t(`Kunci yang dikenal untuk ${kind}: ${COLUMNS[kind].map((c) => c.key).join(', ')}.`, `Keys known for ${kind}: ${COLUMNS[kind].map((c) => c.key).join(', ')}.`));
  }
  const byHeader = new Map<string, string>();
  for (const spec of COLUMNS[kind]) for (const h of [spec.key, ...spec.headers]) byHeader.set(normalizeHeader(h), spec.key);
  const out: Record<string, string> = {};
  for (const [foreign, target] of Object.entries(m as Record<string, string>)) {
    out[foreign] = COLUMNS[kind].some((c) => c.key === target) ? target : byHeader.get(normalizeHeader(target)) ?? target;
  }
  return out;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Where the canonical file goes: data/pegawai.*, data/<P>/<kind>.*, data/<P>/umpan-balik/<name>.* */
export function importDestination(workspace: string, config: Config, period: Period, kind: ImportKind, sourcePath: string, format: OutFormat): string {
  if (kind === 'pegawai') return join(dataDir(workspace, config), `pegawai.${format}`);
  if (kind === 'umpan-balik') {
    const base = basename(sourcePath).replace(/\.(csv|xlsx)$/i, '');
    return join(periodDir(workspace, config, period), 'umpan-balik', `${base}.${format}`);
  }
  return join(periodDir(workspace, config, period), `${kind}.${format}`);
}

export interface ImportRequest {
  kind: ImportKind;
  path: string;
  display: string;
  period: Period;
  mapping: Record<string, string>;
  sheet?: string;
  workspace: string;
  config: Config;
  lang: Lang;
}

export interface ImportResult {
  table: OutTable;
  read: number;
  accepted: number;
  rejected: number;
  sheet: string | null;
  headerRow: number | null;
  /** Which column each canonical key was read from (foreign header). */
  columns: { key: string; header: string; column: string }[];
}

function replay(table: OpenedTable, rows: TableRow[]): OpenedTable {
  return {
    ...table,
    rows: async function* () {
      yield* rows;
    },
    close: async () => {},
  };
}

interface RosterView {
  employees: ReadonlyMap<string, Employee>;
  nips: Set<string>;
  excluded: Set<string>;
  units: string[];
  services: string[];
}

/** The workspace roster, read quietly; null when there is no readable roster. */
async function rosterNips(req: ImportRequest, sink: IssueSink): Promise<RosterView | null> {
  const quiet = new IssueSink(req.lang);
  const loc = locateInput(req.workspace, req.config, req.period, 'pegawai', quiet);
  const table = loc ? await openTable({ path: loc.path, displayName: loc.display, columns: COLUMNS.pegawai, mapping: req.config.columns.pegawai, sink: quiet }) : null;
  if (!loc || !table) {
    sink.warning('IMPORT_NO_ROSTER', { file: req.display }, {
      id: 'Daftar pegawai ruang kerja tidak ditemukan atau tidak terbaca; NIP pada berkas ini tidak dicocokkan dengan daftar pegawai.',
      en: 'The workspace roster is missing or unreadable; the NIPs of this file are not checked against it.',
    }, { id: 'Impor daftar pegawai lebih dahulu: appraise import pegawai <berkas> --period P', en: 'Import the roster first: appraise import pegawai <file> --period P' });
    return null;
  }
  const roster = await ingestRoster(table, req.period, quiet);
  const employees = [...roster.employees.values()];
  return {
    employees: roster.employees,
    nips: new Set(roster.employees.keys()),
    excluded: new Set([...roster.rejectedNips, ...roster.inactiveNips]),
    units: [...new Set(employees.map((e) => e.unit))],
    services: [...new Set(employees.flatMap((e) => e.services))],
  };
}

/** Without a workspace roster: every NIP counts as known (the import warns IMPORT_NO_ROSTER). */
const OPEN_ROSTER: Pick<ReadonlyMap<string, Employee>, 'has' | 'get'> = { has: () => true, get: () => undefined };

function checkFeedback(r: RowReader, period: Period, roster: RosterView | null): void {
  const date = r.date('date', 'Tanggal', true);
  if (date && !containsDate(period, date)) {
    r.warning('date', 'DATE_OUTSIDE_PERIOD', {
      id: `Tanggal ${isoDate(date)} di luar periode ${period.id}.`,
      en: `Date ${isoDate(date)} lies outside period ${period.id}.`,
    }, { id: 'Periksa tanggal, atau impor ke periode yang benar.', en: 'Check the date, or import into the right period.' });
  }
  const unit = r.text('unit', 'Unit Kerja');
  const service = r.text('service', 'Layanan');
  if (unit === null && service === null) {
    r.error('unit', 'UNIT_OR_SERVICE_MISSING', { id: 'Unit Kerja dan Layanan keduanya kosong.', en: 'Unit Kerja and Layanan are both empty.' },
      { id: 'Isi setidaknya salah satu.', en: 'Fill in at least one of them.' });
  }
  for (const u of UNSUR) {
    const v = r.number(u.key, `${u.key} ${u.header}`, false);
    if (v !== null && v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= 4)) {
      r.error(u.key, 'ANSWER_OUT_OF_RANGE', { id: `${u.key}: jawaban ${v} bukan 1–4.`, en: `${u.key}: answer ${v} is not 1–4.` },
        { id: 'Jawaban survei bernilai 1, 2, 3 atau 4 (kosong bila tidak dijawab).', en: 'Survey answers are 1, 2, 3 or 4 (empty when not answered).' });
    }
  }
  const officer = r.nip('officerNip', 'NIP Petugas', false);
  if (officer && roster && !roster.nips.has(officer)) {
    r.warning('officerNip', 'OFFICER_UNKNOWN', { id: `NIP Petugas ${officer} tidak ada di daftar pegawai.`, en: `NIP Petugas ${officer} is not in the roster.` },
      { id: 'Periksa NIP petugas.', en: 'Check the officer’s NIP.' });
  }
}

const NIP_KEYS = new Set(['nip', 'supervisorNip', 'raterNip', 'leaderNip', 'officerNip']);
const NUMBER_KEYS = new Set(['actual', 'weight', 'population', 'hours', ...UNSUR.map((u) => u.key)]);
const DATE_KEYS = new Set(['start', 'end', 'date']);

/** The canonical value of a validated cell: NIPs without separators, numbers as numbers, dates as dates. */
function canonical(key: string, v: CellValue): string | number | Date | null {
  const s = cellText(v);
  if (s === null) return null;
  if (NIP_KEYS.has(key)) {
    const p = parseNip(s, { pppk: true });
    return p.ok ? p.nip : s;
  }
  if (NUMBER_KEYS.has(key) || (key === 'target' && typeof v === 'number')) {
    const p = parseNumber(v);
    return p.ok ? p.value : s;
  }
  if (key === 'target') {
    const p = parseNumber(v);
    return p.ok ? p.value : s; // a range such as '80-90' stays text
  }
  if (DATE_KEYS.has(key)) {
    const p = parseDate(v);
    return p.ok ? p.value : s;
  }
  return s;
}

export async function importSheet(req: ImportRequest, sink: IssueSink): Promise<ImportResult | null> {
  const table = await openTable({
    path: req.path, displayName: req.display, columns: COLUMNS[req.kind], mapping: req.mapping, sink,
    ...(req.sheet !== undefined ? { sheet: req.sheet } : {}),
  });
  if (!table) return null;
  const rows: TableRow[] = [];
  for await (const row of table.rows()) rows.push(row);
  let accepted = rows.length;
  let rejected = 0;
  let roster: RosterView | null | undefined;
  if (req.kind === 'pegawai') {
    const r = await ingestRoster(replay(table, rows), req.period, sink);
    rejected = r.counts.rejected;
    accepted = rows.length - rejected;
  } else if (req.kind === 'indikator') {
    roster = await rosterNips(req, sink);
    const fileNips = new Set(rows.map((r) => parseNip(cellText(r.values.nip ?? null) ?? '', { pppk: true })).flatMap((p) => (p.ok ? [p.nip] : [])));
    const r = await ingestIndicators(replay(table, rows), {
      roster: roster?.nips ?? fileNips, excluded: roster?.excluded ?? new Set(), aspects: req.config.aspects,
    }, sink);
    accepted = r.counts.accepted;
    rejected = r.counts.read - r.counts.accepted;
  } else if (req.kind === 'perilaku') {
    // The run's own behaviour ingest: ratings, rater roles and NIPs, raters twice, Rating Hasil Kerja.
    roster = await rosterNips(req, sink);
    const r = await ingestBehaviour(replay(table, rows), { roster: roster?.employees ?? OPEN_ROSTER, excluded: roster?.excluded ?? new Set() }, sink);
    accepted = r.counts.accepted;
    rejected = r.counts.rejected;
  } else if (req.kind === 'umpan-balik' && (roster = await rosterNips(req, sink)) !== null) {
    // The run's own feedback ingest: answers by unsur name, units/services of the roster, duplicates.
    const ingest = new FeedbackIngest({ period: req.period, units: roster.units, services: roster.services, employees: roster.nips }, sink);
    const counts = await ingest.ingest(replay(table, rows), () => {});
    accepted = counts.accepted;
    rejected = counts.rejected;
  } else {
    // Feedback without a readable roster (rosterNips above already warned IMPORT_NO_ROSTER once).
    rejected = 0;
    for (const row of rows) {
      const r = new RowReader(row, sink);
      checkFeedback(r, req.period, null);
      if (!r.ok) rejected++;
    }
    accepted = rows.length - rejected;
  }

  const specs = COLUMNS[req.kind];
  const extraNames: string[] = [];
  for (const row of rows) for (const k of Object.keys(row.extra)) if (!extraNames.includes(k)) extraNames.push(k);
  const columns: OutColumn[] = [
    ...specs.map((s): OutColumn => ({
      header: s.headers[0]!,
      kind: NIP_KEYS.has(s.key) ? 'nip' : DATE_KEYS.has(s.key) ? 'date' : NUMBER_KEYS.has(s.key) ? 'number' : 'text',
    })),
    ...extraNames.map((h): OutColumn => ({ header: h, kind: 'text' })),
  ];
  const out: OutTable = {
    sheet: DATA_SHEET_NAMES[req.kind],
    columns,
    rows: rows.map((row) => [
      ...specs.map((s) => canonical(s.key, row.values[s.key] ?? null)),
      ...extraNames.map((h) => {
        const v = row.extra[h] ?? null;
        return v instanceof Date ? v : typeof v === 'number' ? v : cellText(v);
      }),
    ]),
  };
  return {
    table: out, read: rows.length, accepted, rejected,
    sheet: table.info.sheet ?? null, headerRow: table.info.headerRow ?? null, columns: table.columns,
  };
}

export function existingSibling(path: string): string | null {
  const other = path.toLowerCase().endsWith('.xlsx') ? path.replace(/\.xlsx$/i, '.csv') : path.replace(/\.csv$/i, '.xlsx');
  return existsSync(other) ? other : null;
}
