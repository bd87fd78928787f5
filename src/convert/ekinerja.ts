import type { IssueSink } from '../domain/issues.js';
import { formatPlace } from '../domain/place.js';
import type { CellPlace } from '../domain/place.js';
import { isoDate, parsePeriod } from '../domain/period.js';
import { parsePredikat, parseRating, predikatLabel, ratingLabel, type Predikat, type Rating } from '../domain/ratings.js';
import type { EmploymentStatus, PositionType } from '../engine/types.js';
import { ENUMS } from '../ingest/columns.js';
import { RowReader, normaliseKey } from '../ingest/row.js';
import { openTable } from '../io/table.js';
import type { ColumnSpec } from '../io/types.js';
import type { SourceFile } from './pp46.js';

/**
 * `appraise convert --from ekinerja` (SPEC §7): the "Laporan SKP" and "Laporan Penilaian SKP"
 * exports of the national e-Kinerja application → a roster in the workspace format and a predikat
 * list (nip, predikat, periode) that a run can compare with its own predikat. The export puts title
 * rows above the header; openTable finds the header by its nip column.
 *
 * After a transfer the export holds several rows per employee, one per assignment: the row with the
 * latest periode_akhir is kept and the others are reported (EKINERJA_SUPERSEDED).
 */
const c = (key: string, required: boolean, ...headers: string[]): ColumnSpec => ({ key, headers, required });

export const EKINERJA_COLUMNS: ColumnSpec[] = [
  c('nip', true, 'nip', 'nip_pegawai', 'nip_baru', 'NIP ASN'),
  c('name', false, 'nama', 'nama_pegawai', 'nama_lengkap', 'nama_asn'),
  c('position', false, 'jabatan', 'nama_jabatan'),
  c('positionType', false, 'jenis_jabatan'),
  c('unit', false, 'unit_kerja', 'unor', 'nama_unor', 'unit_organisasi', 'satuan_kerja', 'opd'),
  c('grade', false, 'golongan', 'pangkat_golongan', 'gol_ruang', 'pangkat'),
  c('status', false, 'status', 'jenis_pegawai', 'jenis_asn', 'status_pegawai'),
  c('supervisorNip', false, 'nip_atasan', 'nip_penilai', 'nip_pejabat_penilai'),
  c('periodStart', false, 'periode_awal', 'tanggal_awal', 'periode_mulai', 'tgl_awal'),
  c('periodEnd', false, 'periode_akhir', 'tanggal_akhir', 'periode_selesai', 'tgl_akhir'),
  c('result', false, 'hasil_akhir', 'predikat', 'predikat_kinerja', 'hasil_penilaian'),
  c('workRating', false, 'rating_hasil_kerja'),
  c('behaviourRating', false, 'rating_perilaku_kerja', 'rating_perilaku'),
];

const POSITION_TYPES: Record<string, PositionType> = Object.fromEntries(ENUMS.positionType.map((p) => [normaliseKey(p), p])) as Record<string, PositionType>;
Object.assign(POSITION_TYPES, { jabatanpimpinantinggi: 'jpt', jabatanadministrator: 'administrator', jabatanpengawas: 'pengawas', jabatanfungsional: 'fungsional', jabatanpelaksana: 'pelaksana', jft: 'fungsional', jfu: 'pelaksana' });
const STATUSES: Record<string, EmploymentStatus> = { pns: 'PNS', pppk: 'PPPK', cpns: 'PNS' };

export interface EkinerjaRecord {
  nip: string;
  name: string | null;
  position: string | null;
  positionType: PositionType | null;
  unit: string | null;
  grade: string | null;
  status: EmploymentStatus | null;
  supervisorNip: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  /** null: not yet assessed ('-' or empty hasil_akhir) */
  predikat: Predikat | null;
  workRating: Rating | null;
  behaviourRating: Rating | null;
  place: CellPlace;
}

export interface PredikatRow {
  nip: string;
  name: string | null;
  predikat: Predikat;
  predikatLabel: string;
  workRating: string | null;
  behaviourRating: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  period: string | null;
  source: string;
}

export interface EkinerjaConversion {
  files: string[];
  /** Latest row per NIP. */
  employees: EkinerjaRecord[];
  /** Roster rows (employees with nama, jabatan and unit kerja). */
  roster: EkinerjaRecord[];
  predikat: PredikatRow[];
  /** Rows left out because a later row of the same NIP exists. */
  superseded: number;
  /** Latest rows whose hasil_akhir is '-' or empty. */
  notAssessed: number;
  /** Whether any file had a hasil_akhir column ("Laporan Penilaian SKP"). */
  hasResults: boolean;
}

/** The period id whose first and last day are exactly these dates (2025, 2025-S1, 2025-Q1, 2025-03), or null. */
export function periodIdOf(start: Date | null, end: Date | null): string | null {
  if (!start || !end) return null;
  const y = start.getUTCFullYear();
  const ids = [String(y), `${y}-S1`, `${y}-S2`, ...[1, 2, 3, 4].map((q) => `${y}-Q${q}`), ...Array.from({ length: 12 }, (_, m) => `${y}-${String(m + 1).padStart(2, '0')}`)];
  for (const id of ids) {
    const p = parsePeriod(id)!;
    if (p.start.getTime() === start.getTime() && p.end.getTime() === end.getTime()) return id;
  }
  return null;
}

export async function convertEkinerja(files: readonly SourceFile[], sink: IssueSink): Promise<EkinerjaConversion> {
  const byNip = new Map<string, EkinerjaRecord[]>();
  let hasResults = false;
  for (const f of files) {
    const table = await openTable({ path: f.path, displayName: f.display, columns: EKINERJA_COLUMNS, sink });
    if (!table) continue;
    if (table.columns.some((col) => col.key === 'result')) hasResults = true;
    for await (const row of table.rows()) {
      const r = new RowReader(row, sink);
      const status = r.choice('status', 'status', STATUSES, null, ENUMS.status);
      const nip = r.nip('nip', 'nip', true, status === 'PPPK');
      const name = r.text('name', 'nama');
      const position = r.text('position', 'jabatan');
      const positionType = r.choice('positionType', 'jenis_jabatan', POSITION_TYPES, null, ENUMS.positionType);
      const unit = r.text('unit', 'unit_kerja');
      const grade = r.text('grade', 'golongan');
      const supervisorNip = r.nip('supervisorNip', 'nip_atasan', false);
      const periodStart = r.date('periodStart', 'periode_awal', false);
      const periodEnd = r.date('periodEnd', 'periode_akhir', false);
      const resultText = r.text('result', 'hasil_akhir');
      let predikat: Predikat | null = null;
      if (resultText !== null && resultText !== undefined && !/^[-–—]+$/.test(resultText)) {
        predikat = parsePredikat(resultText);
        if (predikat === null) {
          r.error('result', 'EKINERJA_PREDIKAT_UNKNOWN', {
            id: `hasil_akhir '${resultText}' bukan predikat kinerja.`,
            en: `hasil_akhir '${resultText}' is not a performance predikat.`,
          }, {
            id: 'Predikat: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang; "-" bila belum dinilai.',
            en: 'Predikat: Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang; "-" when not yet assessed.',
          });
        }
      }
      const rating = (key: 'workRating' | 'behaviourRating', label: string): Rating | null => {
        const t = r.text(key, label);
        if (t === null || t === undefined || /^[-–—]+$/.test(t)) return null;
        const parsed = parseRating(t);
        if (parsed === null) {
          r.error(key, 'VALUE_NOT_ALLOWED', { id: `${label} '${t}' tidak dikenal.`, en: `${label} '${t}' is not recognised.` },
            { id: `Gunakan salah satu: ${ENUMS.rating.join(', ')}.`, en: `Use one of: ${ENUMS.rating.join(', ')}.` });
        }
        return parsed;
      };
      const workRating = rating('workRating', 'rating_hasil_kerja');
      const behaviourRating = rating('behaviourRating', 'rating_perilaku_kerja');
      if (periodStart && periodEnd && periodEnd < periodStart) {
        r.error('periodEnd', 'EKINERJA_PERIOD_ORDER', {
          id: `periode_akhir ${isoDate(periodEnd)} lebih awal dari periode_awal ${isoDate(periodStart)}.`,
          en: `periode_akhir ${isoDate(periodEnd)} is before periode_awal ${isoDate(periodStart)}.`,
        }, { id: 'Periksa kedua tanggal periode.', en: 'Check both period dates.' });
      }
      if (!r.ok || !nip || status === undefined || positionType === undefined || periodStart === undefined || periodEnd === undefined || name === undefined || position === undefined || unit === undefined || grade === undefined || supervisorNip === undefined) continue;
      const rec: EkinerjaRecord = {
        nip, name, position, positionType, unit, grade, status, supervisorNip, periodStart, periodEnd,
        predikat, workRating, behaviourRating, place: row.place,
      };
      byNip.set(nip, [...(byNip.get(nip) ?? []), rec]);
    }
  }

  const employees: EkinerjaRecord[] = [];
  let superseded = 0;
  for (const [nip, list] of byNip) {
    const end = (x: EkinerjaRecord) => x.periodEnd?.getTime() ?? Number.NEGATIVE_INFINITY;
    const latestEnd = Math.max(...list.map(end));
    const latest = list.filter((x) => end(x) === latestEnd);
    const same = (a: EkinerjaRecord, b: EkinerjaRecord) => a.unit === b.unit && a.position === b.position && a.predikat === b.predikat;
    if (latest.length > 1 && !latest.every((x) => same(x, latest[0]!))) {
      const places = latest.map((x) => formatPlace(x.place)).join(', ');
      for (const x of latest) {
        sink.error('EKINERJA_AMBIGUOUS', x.place, {
          id: `NIP ${nip} punya ${latest.length} baris berbeda dengan periode_akhir yang sama (${places}); tidak jelas mana yang terakhir, NIP ini dilewati.`,
          en: `NIP ${nip} has ${latest.length} differing rows with the same periode_akhir (${places}); which is latest is unclear, so this NIP is skipped.`,
        }, {
          id: 'Ekspor ulang dengan kolom periode_akhir, atau hapus baris yang tidak berlaku.',
          en: 'Export again with the periode_akhir column, or delete the rows that no longer apply.',
        });
      }
      continue;
    }
    const keep = latest[latest.length - 1]!;
    employees.push(keep);
    for (const other of list) {
      if (other === keep) continue;
      superseded++;
      sink.warning('EKINERJA_SUPERSEDED', other.place, {
        id: `NIP ${nip}: baris ini (${other.unit ?? '-'}, periode s.d. ${other.periodEnd ? isoDate(other.periodEnd) : '-'}) digantikan baris yang lebih akhir di ${formatPlace(keep.place)} (${keep.unit ?? '-'}).`,
        en: `NIP ${nip}: this row (${other.unit ?? '-'}, period to ${other.periodEnd ? isoDate(other.periodEnd) : '-'}) is superseded by the later row at ${formatPlace(keep.place)} (${keep.unit ?? '-'}).`,
      }, { id: 'Tidak perlu tindakan bila pegawai ini memang pindah.', en: 'No action needed if this employee did move.' });
    }
  }
  employees.sort((a, b) => (a.nip < b.nip ? -1 : a.nip > b.nip ? 1 : 0));

  const roster: EkinerjaRecord[] = [];
  for (const e of employees) {
    const missing = [['nama', e.name], ['jabatan', e.position], ['unit_kerja', e.unit]].filter(([, v]) => v === null).map(([k]) => k as string);
    if (missing.length > 0) {
      sink.error('EKINERJA_ROSTER_INCOMPLETE', e.place, {
        id: `NIP ${e.nip}: ${missing.join(', ')} kosong; pegawai ini tidak masuk daftar pegawai.`,
        en: `NIP ${e.nip}: ${missing.join(', ')} empty; this employee is left out of the roster.`,
      }, { id: 'Lengkapi kolom tersebut di ekspor atau di daftar pegawai.', en: 'Complete these columns in the export or in the roster.' });
      continue;
    }
    roster.push(e);
  }
  const predikat: PredikatRow[] = [];
  let notAssessed = 0;
  for (const e of employees) {
    if (e.predikat === null) {
      notAssessed++;
      continue;
    }
    predikat.push({
      nip: e.nip, name: e.name, predikat: e.predikat, predikatLabel: predikatLabel(e.predikat, 'id'),
      workRating: e.workRating ? ratingLabel(e.workRating, 'id') : null,
      behaviourRating: e.behaviourRating ? ratingLabel(e.behaviourRating, 'id') : null,
      periodStart: e.periodStart ? isoDate(e.periodStart) : null,
      periodEnd: e.periodEnd ? isoDate(e.periodEnd) : null,
      period: periodIdOf(e.periodStart, e.periodEnd),
      source: formatPlace(e.place),
    });
  }
  return { files: files.map((f) => f.display), employees, roster, predikat, superseded, notAssessed, hasResults };
}
