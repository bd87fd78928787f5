import type { Lang } from '../domain/i18n.js';
import { roundHalfUp } from '../domain/exact.js';
import { sebutanPp46Label } from '../engine/legacy/pp46.js';
import { COLUMNS } from '../ingest/columns.js';
import type { EkinerjaConversion } from './ekinerja.js';
import type { Pp46Conversion } from './pp46.js';
import type { OutColumn, OutTable } from './write.js';

/**
 * The tables written by `appraise convert`. Tables in a workspace input format (indikator, pegawai)
 * carry the canonical Indonesian headers (SPEC §2) so a run reads them as they are; the report tables
 * (nilai, paritas) speak the chosen language.
 */
const header = (kind: 'pegawai' | 'indikator', key: string): string => COLUMNS[kind].find((c) => c.key === key)!.headers[0]!;
const r2 = (x: number | null): number | null => (x === null ? null : roundHalfUp(x, 2));

const NIP_KEYS = new Set(['nip', 'supervisorNip']);
const NUMBER_KEYS = new Set(['target', 'actual', 'weight']);

function canonicalColumns(kind: 'pegawai' | 'indikator'): OutColumn[] {
  return COLUMNS[kind].map((c) => ({
    header: c.headers[0]!,
    kind: NIP_KEYS.has(c.key) ? 'nip' : NUMBER_KEYS.has(c.key) ? 'number' : c.key === 'start' || c.key === 'end' ? 'date' : 'text',
  }));
}

export function indicatorTable(conv: Pp46Conversion): OutTable {
  return {
    sheet: 'Indikator',
    columns: [...canonicalColumns('indikator'), { header: 'Periode', kind: 'text' }, { header: 'Sumber', kind: 'text', width: 40 }],
    // Same order as COLUMNS.indikator: nip, code, text, aspect, kind, target, actual, unitLabel, direction, weight, aggregation.
    rows: conv.indicators.map((i) => [i.nip, i.code, i.text, i.aspect, i.kind, i.target, i.actual, i.unitLabel, i.direction, i.weight, i.aggregation, i.period, i.source]),
  };
}

export function pp46RosterTable(conv: Pp46Conversion): OutTable {
  return {
    sheet: 'Pegawai',
    columns: [...canonicalColumns('pegawai'), { header: 'Sumber', kind: 'text', width: 40 }],
    // nip, name, position, positionType, unit, grade, status, supervisorNip, services, start, end
    rows: conv.roster.map((r) => [r.nip, r.name, r.position, null, r.unit, r.grade, null, r.supervisorNip, null, null, null, r.source]),
  };
}

export function ekinerjaRosterTable(conv: EkinerjaConversion): OutTable {
  return {
    sheet: 'Pegawai',
    columns: [...canonicalColumns('pegawai'), { header: 'Sumber', kind: 'text', width: 40 }],
    rows: conv.roster.map((e) => [e.nip, e.name, e.position, e.positionType, e.unit, e.grade, e.status, e.supervisorNip, null, null, null,
      `${e.place.file}${e.place.sheet !== undefined ? '!' + e.place.sheet : ''}:${e.place.row ?? ''}`]),
  };
}

/** The predikat list a run compares with its own predikat (docs: README "Converting"). */
export function predikatTable(conv: EkinerjaConversion): OutTable {
  return {
    sheet: 'Predikat',
    columns: [
      { header: 'NIP', kind: 'nip' }, { header: 'Nama', kind: 'text' }, { header: 'Predikat', kind: 'text' },
      { header: 'Rating Hasil Kerja', kind: 'text' }, { header: 'Rating Perilaku', kind: 'text' },
      { header: 'Periode Awal', kind: 'text' }, { header: 'Periode Akhir', kind: 'text' }, { header: 'Periode', kind: 'text' },
      { header: 'Sumber', kind: 'text', width: 40 },
    ],
    rows: conv.predikat.map((p) => [p.nip, p.name, p.predikatLabel, p.workRating, p.behaviourRating, p.periodStart, p.periodEnd, p.period, p.source]),
  };
}

export function nilaiTable(conv: Pp46Conversion, lang: Lang): OutTable {
  const t = (id: string, en: string) => (lang === 'id' ? id : en);
  const n = (h: string): OutColumn => ({ header: h, kind: 'number' });
  return {
    sheet: t('Nilai PP46', 'PP46 Scores'),
    columns: [
      { header: 'NIP', kind: 'nip' }, { header: t('Nama', 'Name'), kind: 'text' }, { header: t('Jabatan', 'Position'), kind: 'text' },
      { header: t('Unit Kerja', 'Unit'), kind: 'text' }, { header: t('Periode Awal', 'Period start'), kind: 'text' },
      { header: t('Periode Akhir', 'Period end'), kind: 'text' }, n(t('Jumlah Kegiatan', 'Activities')),
      n(t('Rata-rata Kegiatan', 'Mean of activities')), n(t('Tugas Tambahan', 'Additional duties')),
      n(t('Nilai Tugas Tambahan', 'Additional duties points')), n(t('Kreativitas', 'Creativity')),
      n(t('Nilai Capaian SKP', 'SKP achievement')), { header: t('Sebutan', 'Sebutan'), kind: 'text' },
      n(t('Nilai Capaian SKP (formulir)', 'SKP achievement (form)')), { header: t('Sebutan (formulir)', 'Sebutan (form)'), kind: 'text' },
      n(t('Nilai Perilaku', 'Behaviour')), n(t('Nilai Prestasi Kerja', 'Work performance')),
      { header: t('Sebutan Prestasi', 'Performance sebutan'), kind: 'text' }, n(t('Selisih', 'Differences')),
      { header: t('Sumber', 'Source'), kind: 'text', width: 40 },
    ],
    rows: conv.employees.map((e) => [
      e.nip, e.name, e.position, e.unit, e.periodStart, e.periodEnd, e.activities.length,
      r2(e.skp?.meanActivities ?? null), e.tugasTambahan, e.skp?.tugasTambahanPoints ?? null, e.kreativitas,
      r2(e.skp?.nilaiCapaianSkp ?? null), e.skp ? sebutanPp46Label(e.skp.sebutan, lang) : null,
      e.stated.nilaiCapaianSkp, e.stated.sebutan, r2(e.perilaku?.mean ?? null), r2(e.prestasi?.nilai ?? null),
      e.prestasi ? sebutanPp46Label(e.prestasi.sebutan, lang) : null, e.differences,
      `${e.file}${e.sheet !== null ? '!' + e.sheet : ''}`,
    ]),
  };
}

export function parityTable(conv: Pp46Conversion, lang: Lang): OutTable {
  const t = (id: string, en: string) => (lang === 'id' ? id : en);
  return {
    sheet: t('Paritas', 'Parity'),
    columns: [
      { header: t('Sel', 'Cell'), kind: 'text', width: 40 }, { header: 'NIP', kind: 'nip' }, { header: t('Nama', 'Name'), kind: 'text' },
      { header: t('Butir', 'Item'), kind: 'text' }, { header: t('Keterangan', 'Description'), kind: 'text', width: 32 },
      { header: t('Nilai Formulir', 'Stated'), kind: 'text' }, { header: t('Nilai Hitung Ulang', 'Recomputed'), kind: 'text' },
      { header: t('Selisih', 'Difference'), kind: 'number' }, { header: t('Status', 'Status'), kind: 'text' },
    ],
    rows: conv.parity.map((p) => [p.place, p.nip, p.name, p.item, p.label, p.stated, p.computed, p.difference, p.agree ? t('sama', 'agrees') : t('BEDA', 'DIFFERS')]),
  };
}
