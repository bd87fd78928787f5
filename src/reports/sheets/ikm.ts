import type { Lang, Text } from '../../domain/i18n.js';
import { formatNumber } from '../../domain/exact.js';
import { UNSUR_KEYS, UNSUR_LABELS } from '../../engine/ikm.js';
import type { IkmResult, MutuCode } from '../../engine/ikm.js';
import type { SampleAdequacy } from '../../engine/sample.js';
import type { FeedbackReport } from '../../pipeline/feedback-stage.js';
import type { RunResult } from '../../pipeline/types.js';
import { roundForReport } from '../common.js';
import type { CellData, ColumnDef, SheetBlock, SheetBuilder, SheetContent } from './types.js';

/**
 * IKM sheet (SPEC §4, §6): per unit (with its services) and per service across units: respondents,
 * sample required and adequacy, NRR and mutu per unsur, IKM, mutu, weakest unsur, complaints by
 * category; then the officers named in the responses (complaints and low answers); then how the
 * figures were made. The IKM shown is the value rounded half-up to 2 decimals that the mutu was
 * decided on.
 */

export const MUTU_FILLS: Record<MutuCode, string> = {
  A: 'FFC6EFCE',
  B: 'FFE2EFDA',
  C: 'FFFFEB9C',
  D: 'FFFFC7CE',
};

const L = {
  unit: { id: 'Unit Kerja', en: 'Work Unit' },
  service: { id: 'Layanan', en: 'Service' },
  allServices: { id: '(seluruh unit)', en: '(whole unit)' },
  respondents: { id: 'Responden', en: 'Respondents' },
  population: { id: 'Penerima Layanan', en: 'Citizens Served' },
  required: { id: 'Sampel Minimum', en: 'Minimum Sample' },
  adequate: { id: 'Kecukupan Sampel', en: 'Sample Adequacy' },
  ikm: { id: 'IKM', en: 'IKM' },
  mutu: { id: 'Mutu', en: 'Quality' },
  weakest: { id: 'Unsur Terlemah', en: 'Weakest Unsur' },
  complaints: { id: 'Pengaduan', en: 'Complaints' },
  byCategory: { id: 'Pengaduan per Kategori', en: 'Complaints by Category' },
  missing: { id: 'Unsur Tanpa Jawaban', en: 'Unsur Without Answers' },
  perService: { id: 'Per layanan (semua unit)', en: 'Per service (all units)' },
  officers: { id: 'Petugas yang disebut responden (NIP Petugas)', en: 'Officers named by respondents (NIP Petugas)' },
  nip: { id: 'NIP Petugas', en: 'Officer NIP' },
  name: { id: 'Nama', en: 'Name' },
  low: { id: 'Jawaban Rendah (1–2)', en: 'Low Answers (1–2)' },
  own: { id: 'IKM Petugas Dipakai', en: 'Own IKM Used' },
  notes: { id: 'Keterangan', en: 'Notes' },
  item: { id: 'Uraian', en: 'Item' },
  value: { id: 'Nilai', en: 'Value' },
  none: { id: 'Tidak ada berkas umpan balik untuk periode ini.', en: 'No feedback file for this period.' },
  yes: { id: 'Ya', en: 'Yes' },
  no: { id: 'Tidak', en: 'No' },
} satisfies Record<string, Text>;

export function sampleText(s: SampleAdequacy | null, lang: Lang): string | null {
  if (s === null) return null;
  if (s.adequate) return lang === 'id' ? 'Memadai' : 'Adequate';
  return lang === 'id' ? `Kurang ${s.shortBy}` : `${s.shortBy} more needed`;
}

function mutuCell(code: MutuCode | null | undefined, label: string | null): CellData {
  if (!code) return null;
  return { value: label === null ? code : `${code} (${label})`, fill: MUTU_FILLS[code] };
}

function categories(r: IkmResult, lang: Lang): string | null {
  if (r.complaints.total === 0) return null;
  return r.complaints.byCategory.map((c) => `${c.label[lang]} ${c.count}`).join(', ');
}

/** NRR (2 decimals) and mutu letter per unsur, U1..U9. */
function unsurColumns(): ColumnDef[] {
  return UNSUR_KEYS.flatMap((k): ColumnDef[] => [
    { header: `${k} NRR`, type: 'number', width: 8 },
    { header: `${k} Mutu`, type: 'general', width: 7 },
  ]);
}
function unsurCells(r: IkmResult): CellData[] {
  return r.unsur.flatMap((u): CellData[] => [roundForReport(u.nrr), u.mutu ? { value: u.mutu.code, fill: MUTU_FILLS[u.mutu.code] } : null]);
}

function resultColumns(lang: Lang): ColumnDef[] {
  return [
    { header: L.respondents[lang], type: 'integer', width: 11 },
    ...unsurColumns(),
    { header: L.ikm[lang], type: 'number', width: 8 },
    { header: L.mutu[lang], type: 'general', width: 16 },
    { header: L.weakest[lang], type: 'general', width: 24 },
    { header: L.complaints[lang], type: 'integer', width: 11 },
    { header: L.byCategory[lang], type: 'general', width: 30 },
    { header: L.missing[lang], type: 'general', width: 14 },
  ];
}
function resultCells(r: IkmResult, lang: Lang): CellData[] {
  const weakest = r.weakest === null ? null : `${r.weakest} ${UNSUR_LABELS[r.weakest][lang]}`;
  return [
    r.respondents,
    ...unsurCells(r),
    r.ikmRounded,
    mutuCell(r.mutu?.code, r.mutu?.label[lang] ?? null),
    weakest,
    r.complaints.total,
    categories(r, lang),
    r.missingUnsur.length === 0 ? null : r.missingUnsur.join(', '),
  ];
}

function perUnit(f: FeedbackReport, lang: Lang): SheetBlock {
  const columns: ColumnDef[] = [
    { header: L.unit[lang], type: 'general', width: 30 },
    { header: L.service[lang], type: 'general', width: 18 },
    { header: L.population[lang], type: 'integer', width: 12 },
    { header: L.required[lang], type: 'integer', width: 12 },
    { header: L.adequate[lang], type: 'general', width: 14 },
    ...resultColumns(lang),
  ];
  const rows: CellData[][] = [];
  for (const u of f.units) {
    rows.push([
      { value: u.key, bold: true },
      { value: L.allServices[lang], bold: true },
      u.population,
      u.sample?.required ?? null,
      u.sample === null ? null : { value: sampleText(u.sample, lang), fill: u.sample.adequate ? MUTU_FILLS.A : MUTU_FILLS.C },
      ...resultCells(u.result, lang),
    ]);
    for (const s of u.services) rows.push([u.key, s.key, null, null, null, ...resultCells(s.result, lang)]);
  }
  // Responses naming a service but no unit: shown under an empty unit.
  for (const s of f.servicesWithoutUnit) rows.push([null, s.key, null, null, null, ...resultCells(s.result, lang)]);
  return { columns, rows };
}

function perService(f: FeedbackReport, lang: Lang): SheetBlock {
  return {
    title: L.perService[lang],
    columns: [{ header: L.service[lang], type: 'general', width: 18 }, ...resultColumns(lang)],
    rows: f.services.map((s): CellData[] => [s.key, ...resultCells(s.result, lang)]),
  };
}

function officers(f: FeedbackReport, lang: Lang): SheetBlock {
  return {
    title: L.officers[lang],
    columns: [
      { header: L.nip[lang], type: 'text', width: 20 },
      { header: L.name[lang], type: 'general', width: 28 },
      { header: L.unit[lang], type: 'general', width: 28 },
      { header: L.respondents[lang], type: 'integer', width: 11 },
      { header: L.own[lang], type: 'general', width: 12 },
      { header: L.ikm[lang], type: 'number', width: 8 },
      { header: L.mutu[lang], type: 'general', width: 16 },
      { header: L.low[lang], type: 'integer', width: 12 },
      { header: L.complaints[lang], type: 'integer', width: 11 },
      { header: L.byCategory[lang], type: 'general', width: 30 },
    ],
    rows: f.officers.map((o): CellData[] => [
      o.key,
      o.name,
      o.unit,
      o.result.respondents,
      o.ownIkmUsed ? L.yes[lang] : L.no[lang],
      o.result.ikmRounded,
      mutuCell(o.result.mutu?.code, o.result.mutu?.label[lang] ?? null),
      o.result.lowAnswers,
      o.result.complaints.total,
      categories(o.result, lang),
    ]),
  };
}

function notes(f: FeedbackReport, lang: Lang): SheetBlock {
  const id = lang === 'id';
  const t = f.totals;
  const weight = f.weight === 'exact' ? (id ? '1/9 per unsur (ikmWeight: exact)' : '1/9 per unsur (ikmWeight: exact)') : (id ? '0,111 per unsur seperti tercetak di PermenPANRB 14/2017 (ikmWeight: permen)' : '0.111 per unsur as printed in PermenPANRB 14/2017 (ikmWeight: permen)');
  const rows: CellData[][] = [
    [id ? 'Dasar' : 'Basis', id ? 'PermenPANRB 14/2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat' : 'PermenPANRB 14/2017 on the Community Satisfaction Survey guideline'],
    [id ? 'Rumus' : 'Rule', id ? 'NRR per unsur = rata-rata jawaban yang diberikan (jawaban kosong tidak dihitung); IKM = Σ NRR × bobot × 25' : 'NRR per unsur = mean of the answers given (blanks not counted); IKM = Σ NRR × weight × 25'],
    [id ? 'Bobot' : 'Weight', weight],
    [id ? 'Mutu' : 'Quality bands', id ? 'dibulatkan setengah ke atas 2 desimal: ≥ 88,31 A; ≥ 76,61 B; ≥ 65,00 C; selain itu D' : 'rounded half-up to 2 decimals: ≥ 88.31 A; ≥ 76.61 B; ≥ 65.00 C; else D'],
    [id ? 'Sampel' : 'Sample', id ? 'tabel Krejcie–Morgan untuk Jumlah Penerima Layanan di berkas unit (baris tabel berikutnya yang lebih besar)' : 'Krejcie–Morgan table for the Jumlah Penerima Layanan of the unit file (next larger table row)'],
    [id ? 'Petugas' : 'Officers', id ? `IKM petugas sendiri dipakai bila sedikitnya ${f.minRespondentsOfficer} responden menyebut NIP Petugas` : `An officer's own IKM is used when at least ${f.minRespondentsOfficer} respondents name the officer`],
    [id ? 'Target IKM (capaian 100)' : 'IKM target (capaian 100)', formatNumber(f.ikmTarget, lang)],
    [id ? 'Berkas umpan balik' : 'Feedback files', f.files.join(', ')],
    [id ? 'Sumber populasi' : 'Population source', f.populationSource ?? (id ? '(tidak ada berkas unit)' : '(no unit file)')],
    [id ? 'Baris dibaca' : 'Rows read', t.read],
    [id ? 'Baris dihitung' : 'Rows counted', t.accepted],
    [id ? 'Baris ditolak (galat)' : 'Rows rejected (errors)', t.rejected - t.duplicates - t.outsidePeriod],
    [id ? 'Baris ganda (tidak dihitung)' : 'Repeated respondents (not counted)', t.duplicates],
    [id ? 'Di luar periode (tidak dihitung)' : 'Outside the period (not counted)', t.outsidePeriod],
  ];
  if (f.overall) rows.push([id ? 'IKM seluruh responden' : 'IKM of all respondents', f.overall.ikmRounded === null ? null : formatNumber(f.overall.ikmRounded, lang)]);
  return {
    title: L.notes[lang],
    columns: [
      { header: L.item[lang], type: 'general', width: 30 },
      { header: L.value[lang], type: 'general', width: 60 },
    ],
    rows,
  };
}

export function buildIkm(run: RunResult, lang: Lang): SheetContent {
  const f = run.feedback ?? null;
  if (f === null) {
    return { blocks: [{ columns: [{ header: L.notes[lang], type: 'general', width: 50 }], rows: [[L.none[lang]]] }] };
  }
  return { blocks: [perUnit(f, lang), perService(f, lang), officers(f, lang), notes(f, lang)] };
}

export const ikmSheet: SheetBuilder = { name: 'IKM', build: buildIkm };

/** Ringkasan's IKM overview: one line per unit. Null when the run has no feedback. */
export function ikmOverviewBlock(run: RunResult, lang: Lang): SheetBlock | null {
  const f = run.feedback ?? null;
  if (f === null) return null;
  const rows: CellData[][] = f.units.map((u): CellData[] => [
    u.key,
    u.result.respondents,
    u.result.ikmRounded,
    mutuCell(u.result.mutu?.code, u.result.mutu?.label[lang] ?? null),
    u.result.weakest,
    u.result.complaints.total,
    sampleText(u.sample, lang),
  ]);
  if (f.overall) {
    rows.push([
      { value: lang === 'id' ? 'Seluruh responden' : 'All respondents', bold: true },
      f.overall.respondents,
      f.overall.ikmRounded,
      mutuCell(f.overall.mutu?.code, f.overall.mutu?.label[lang] ?? null),
      f.overall.weakest,
      f.overall.complaints.total,
      null,
    ]);
  }
  return {
    title: lang === 'id' ? 'Indeks Kepuasan Masyarakat (IKM) per unit kerja' : 'Community Satisfaction Index (IKM) per work unit',
    columns: [
      { header: L.unit[lang], type: 'general', width: 28 },
      { header: L.respondents[lang], type: 'integer', width: 11 },
      { header: L.ikm[lang], type: 'number', width: 8 },
      { header: L.mutu[lang], type: 'general', width: 16 },
      { header: L.weakest[lang], type: 'general', width: 12 },
      { header: L.complaints[lang], type: 'integer', width: 11 },
      { header: L.adequate[lang], type: 'general', width: 14 },
    ],
    rows,
  };
}
