import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import { parseNip } from '../domain/nip.js';
import type { CellValue } from '../io/types.js';
import { cellText, isBlank } from '../io/values.js';
import {
  at, findCell, labelValueText, norm, parsePeriodText, parseQuantity, placeOf, reportParsed, splitValueAndSebutan,
  valueRightOf, type Grid, type Quantity,
} from './grid.js';

/**
 * Reads the PP 46/2011 form "Penilaian Capaian Sasaran Kerja Pegawai" (and the "Penilaian Prestasi
 * Kerja" sheet) from a sheet grid, as BKPSDM staff made them: everything is found by its label, never
 * by a fixed cell, because people insert rows and columns. Nothing is computed here (pp46.ts does).
 */

export type Pp46Aspect = 'kuantitas' | 'kualitas' | 'waktu' | 'biaya';
export const PP46_ASPECTS: readonly Pp46Aspect[] = ['kuantitas', 'kualitas', 'waktu', 'biaya'];

export interface Loc<T> {
  value: T;
  place: CellPlace;
}

export interface FormPerson {
  nama: Loc<string> | null;
  nip: Loc<string> | null;
  pangkat: Loc<string> | null;
  jabatan: Loc<string> | null;
  unitKerja: Loc<string> | null;
}

export interface FormActivity {
  /** 1-based position among the activities of the form. */
  index: number;
  kegiatan: Loc<string>;
  row: CellPlace;
  target: Record<Pp46Aspect, Loc<Quantity> | null>;
  realisasi: Record<Pp46Aspect, Loc<Quantity> | null>;
  perhitungan: Loc<number> | null;
  nilai: Loc<number> | null;
  /** False when a cell of the activity could not be read (reported). */
  readable: boolean;
}

export interface CapaianForm {
  grid: Grid;
  penilai: FormPerson;
  dinilai: FormPerson;
  period: Loc<{ start: Date; end: Date }> | null;
  activities: FormActivity[];
  tugasTambahan: { duties: Loc<string>[]; stated: Loc<number>[] };
  kreativitas: { items: Loc<string>[]; points: Loc<number>[] };
  final: { value: Loc<number> | null; sebutan: Loc<string> | null; label: CellPlace | null };
}

export interface PrestasiForm {
  grid: Grid;
  nip: Loc<string> | null;
  skp: Loc<number> | null;
  skpPart: Loc<number> | null;
  perilaku: Record<PerilakuKey, Loc<number> | null>;
  jumlah: Loc<number> | null;
  mean: Loc<number> | null;
  perilakuPart: Loc<number> | null;
  nilai: Loc<number> | null;
  sebutan: Loc<string> | null;
}

export type PerilakuKey = 'orientasiPelayanan' | 'integritas' | 'komitmen' | 'disiplin' | 'kerjaSama' | 'kepemimpinan';
const PERILAKU_LABELS: [PerilakuKey, string][] = [
  ['orientasiPelayanan', 'orientasipelayanan'],
  ['integritas', 'integritas'],
  ['komitmen', 'komitmen'],
  ['disiplin', 'disiplin'],
  ['kerjaSama', 'kerjasama'],
  ['kepemimpinan', 'kepemimpinan'],
];

/** Strips the numbering people put before labels: 'II. Tugas Tambahan' → 'tugastambahan', '1. Nama' → 'nama'. */
function bare(n: string): string {
  return n.replace(/^(iii|ii|iv|i|v|[a-f](?=[a-z]{3})|\d+)(?=[a-z])/, '');
}

function subAspect(n: string): Pp46Aspect | null {
  if (n.startsWith('kuant') || n === 'output') return 'kuantitas';
  if (n.startsWith('kual') || n.startsWith('mutu')) return 'kualitas';
  if (n.startsWith('waktu')) return 'waktu';
  if (n.startsWith('biaya')) return 'biaya';
  return null;
}

interface CapaianHeader {
  r1: number;
  r2: number;
  noCol: number | null;
  kegiatanCol: number | null;
  targetCol: number;
  perhitunganCol: number | null;
  nilaiCol: number | null;
  /** value and unit column of each aspect, for target and realisasi */
  cols: Record<'target' | 'realisasi', Partial<Record<Pp46Aspect, { value: number; unit: number | null }>>>;
}

/** The two-row header: TARGET and REALISASI on one row, Kuant/Kual/Waktu/Biaya on the next (or the one after). */
export function findCapaianHeader(g: Grid): CapaianHeader | null {
  for (const r1 of g.rowNumbers) {
    const cells = g.rows.get(r1)!;
    const tc = cells.findIndex((v) => norm(v) === 'target');
    const rc = cells.findIndex((v, i) => i > tc && norm(v) === 'realisasi');
    if (tc < 0 || rc < 0) continue;
    for (const r2 of g.rowNumbers.filter((r) => r > r1 && r <= r1 + 3)) {
      const sub = g.rows.get(r2)!;
      const labels: { col: number; aspect: Pp46Aspect }[] = [];
      sub.forEach((v, c) => {
        const a = c >= tc ? subAspect(norm(v)) : null;
        if (a) labels.push({ col: c, aspect: a });
      });
      if (labels.length < 3) continue;
      const both = [r1, r2];
      const find = (test: (n: string) => boolean): number | null => {
        for (const r of both) {
          const i = (g.rows.get(r) ?? []).findIndex((v) => test(bare(norm(v))));
          if (i >= 0) return i;
        }
        return null;
      };
      const perhitunganCol = find((n) => n.startsWith('perhitungan'));
      const nilaiCol = find((n) => n.startsWith('nilaicapaian'));
      const boundaries = new Set<number>();
      for (const r of both) (g.rows.get(r) ?? []).forEach((v, c) => { if (!isBlank(v)) boundaries.add(c); });
      const cols: CapaianHeader['cols'] = { target: {}, realisasi: {} };
      for (const l of labels) {
        if (perhitunganCol !== null && l.col >= perhitunganCol) continue;
        const group = l.col >= rc ? 'realisasi' : 'target';
        if (cols[group][l.aspect]) continue;
        // A merged sub-header spans its value and unit cells; the span ends where the next label starts.
        const unit = !boundaries.has(l.col + 1) && (perhitunganCol === null || l.col + 1 < perhitunganCol) ? l.col + 1 : null;
        cols[group][l.aspect] = { value: l.col, unit };
      }
      return {
        r1, r2,
        noCol: find((n) => n === 'no' || n === 'nomor'),
        kegiatanCol: find((n) => n.includes('kegiatan')),
        targetCol: tc,
        perhitunganCol, nilaiCol, cols,
      };
    }
  }
  return null;
}

/** A row that only numbers the columns (1, 2, 3, …), as printed under many form headers. */
function isNumberingRow(cells: CellValue[]): boolean {
  const nums: number[] = [];
  for (const v of cells) {
    if (isBlank(v)) continue;
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\(?\d+\)?\s*$/.test(v) ? Number(v.replace(/[()\s]/g, '')) : NaN;
    if (!Number.isInteger(n)) return false;
    nums.push(n);
  }
  return nums.length >= 3 && nums.every((n, i) => i === 0 || n > nums[i - 1]!);
}

const FIELDS: [keyof FormPerson, (n: string) => boolean][] = [
  ['nama', (n) => n === 'nama' || n === 'namalengkap'],
  ['nip', (n) => n === 'nip' || n === 'nipbaru'],
  ['pangkat', (n) => n.startsWith('pangkat') || n.startsWith('golongan')],
  ['jabatan', (n) => n === 'jabatan' || n === 'namajabatan'],
  ['unitKerja', (n) => n.startsWith('unitkerja') || n === 'unitorganisasi' || n === 'satuankerja'],
];

interface Block {
  kind: 'penilai' | 'dinilai' | 'atasan';
  row: number;
  col: number;
}

/** The identity block: 'PEJABAT PENILAI' and 'PNS YANG DINILAI' side by side or one above the other. */
export function readPeople(g: Grid, lastRow: number): { penilai: FormPerson; dinilai: FormPerson } {
  const blocks: Block[] = [];
  for (const r of g.rowNumbers) {
    if (r >= lastRow) break;
    (g.rows.get(r) ?? []).forEach((v, c) => {
      const n = bare(norm(v));
      if (n.includes('atasanpejabatpenilai')) blocks.push({ kind: 'atasan', row: r, col: c });
      else if (n.includes('pejabatpenilai')) blocks.push({ kind: 'penilai', row: r, col: c });
      else if (n.includes('yangdinilai')) blocks.push({ kind: 'dinilai', row: r, col: c });
    });
  }
  const empty = (): FormPerson => ({ nama: null, nip: null, pangkat: null, jabatan: null, unitKerja: null });
  const people = { penilai: empty(), dinilai: empty(), atasan: empty() };
  for (const r of g.rowNumbers) {
    if (r >= lastRow) break;
    const cells = g.rows.get(r) ?? [];
    cells.forEach((v, c) => {
      const text = cellText(v);
      if (text === null || typeof v !== 'string') return;
      const colon = text.indexOf(':');
      const labelPart = colon > 0 ? text.slice(0, colon) : text;
      const field = FIELDS.find(([, t]) => t(bare(norm(labelPart))))?.[0];
      if (!field) return;
      const owners = blocks.filter((b) => b.row < r && b.col <= c);
      // Nearest block above-left: vertical layouts take the latest row, side-by-side the nearest column.
      const owner = owners.sort((a, b) => b.row - a.row || b.col - a.col)[0];
      // Without headings (a single-person form) the fields belong to the appraised employee.
      const kind = owner?.kind ?? 'dinilai';
      const next = blocks.filter((b) => b.col > c && Math.abs(b.row - (owner?.row ?? r)) <= 0).map((b) => b.col);
      const before = next.length ? Math.min(...next) : Number.POSITIVE_INFINITY;
      let value: Loc<string> | null = null;
      const inline = colon > 0 ? labelValueText(text.slice(colon + 1)) : null;
      if (inline) value = { value: inline, place: placeOf(g, r, c) };
      else {
        const right = valueRightOf(g, r, c, before);
        if (right) {
          const rv = right.value;
          // A NIP stored as a number has lost digits: keep it visible so the NIP check can reject it.
          const t = typeof rv === 'number' ? `#NUM:${rv}` : labelValueText(rv);
          if (t) value = { value: t, place: placeOf(g, r, right.col) };
        }
      }
      if (value && people[kind][field] === null) people[kind][field] = value;
    });
  }
  return { penilai: people.penilai, dinilai: people.dinilai };
}

/** The assessment period, from a row that names it ('Jangka Waktu Penilaian …') or any title row. */
export function readPeriod(g: Grid, lastRow: number): Loc<{ start: Date; end: Date }> | null {
  for (const r of g.rowNumbers) {
    if (r >= lastRow) break;
    const cells = g.rows.get(r) ?? [];
    const text = cells.map((v) => cellText(v) ?? '').join(' ');
    const found = parsePeriodText(text);
    if (found) return { value: found, place: placeOf(g, r) };
    const dates = cells.filter((v): v is Date => v instanceof Date);
    if (dates.length === 2 && /jangkawaktu|periode/.test(norm(text)) && dates[0]! <= dates[1]!) {
      return { value: { start: dates[0]!, end: dates[1]! }, place: placeOf(g, r) };
    }
  }
  return null;
}

function statedNumber(g: Grid, row: number, col: number | null, sink: IssueSink, label: { id: string; en: string }): Loc<number> | null {
  if (col === null) return null;
  const v = at(g, row, col);
  if (isBlank(v)) return null;
  const s = splitValueAndSebutan(v);
  if (s.number === null) return null;
  if (!s.number.ok) {
    reportParsed(sink, placeOf(g, row, col), label, s.number);
    return null;
  }
  return { value: s.number.value, place: placeOf(g, row, col) };
}

/** Parses one capaian form; null when the sheet has no TARGET/REALISASI header. */
export function parseCapaianForm(g: Grid, sink: IssueSink): CapaianForm | null {
  const h = findCapaianHeader(g);
  if (!h) return null;
  const { penilai, dinilai } = readPeople(g, h.r1);
  const period = readPeriod(g, h.r1);
  const activities: FormActivity[] = [];
  const tugasTambahan: CapaianForm['tugasTambahan'] = { duties: [], stated: [] };
  const kreativitas: CapaianForm['kreativitas'] = { items: [], points: [] };
  const final: CapaianForm['final'] = { value: null, sebutan: null, label: null };
  type Section = 'kegiatan' | 'tambahan' | 'kreativitas';
  let section = 'kegiatan' as Section;
  const aspectCols = [...Object.values(h.cols.target), ...Object.values(h.cols.realisasi)].flatMap((c) => (c ? [c.value] : []));
  const leftLimit = Math.min(h.targetCol, ...aspectCols);

  for (const r of g.rowNumbers) {
    if (r <= h.r2) continue;
    const cells = g.rows.get(r)!;
    if (isNumberingRow(cells)) continue;
    const hasAspectValue = aspectCols.some((c) => !isBlank(cells[c] ?? null));

    // Footer: 'NILAI CAPAIAN SKP' left of the value column, on a row without targets.
    const footerCol = cells.findIndex((v, c) => (h.nilaiCol === null || c < h.nilaiCol) && bare(norm(v)).startsWith('nilaicapaian'));
    if (footerCol >= 0 && !hasAspectValue) {
      final.label = placeOf(g, r, footerCol);
      let valueCol: number | null = h.nilaiCol !== null && !isBlank(cells[h.nilaiCol] ?? null) ? h.nilaiCol : null;
      if (valueCol === null) valueCol = valueRightOf(g, r, footerCol)?.col ?? null;
      if (valueCol === null) break;
      const v = at(g, r, valueCol);
      const split = splitValueAndSebutan(v);
      if (split.number && !split.number.ok) reportParsed(sink, placeOf(g, r, valueCol), { id: 'Nilai capaian SKP', en: 'SKP achievement value' }, split.number);
      else if (split.number) final.value = { value: split.number.value, place: placeOf(g, r, valueCol) };
      if (split.sebutan) final.sebutan = { value: split.sebutan, place: placeOf(g, r, valueCol) };
      else {
        // The sebutan printed below the value ('(Baik)') or beside it.
        const candidates: [number, number][] = [[r + 1, valueCol], [r, valueCol + 1], [r, valueCol + 2]];
        for (const [rr, cc] of candidates) {
          const s = splitValueAndSebutan(at(g, rr, cc));
          if (s.sebutan && s.number === null) {
            final.sebutan = { value: s.sebutan, place: placeOf(g, rr, cc) };
            break;
          }
        }
      }
      break;
    }

    // Section markers: 'II. Tugas Tambahan', 'III. Kreativitas', 'I. Kegiatan Tugas Jabatan'.
    let marker: Section | null = null;
    for (let c = 0; c < leftLimit && c < cells.length; c++) {
      const n = bare(norm(cells[c] ?? null));
      if (n.length > 40 || hasAspectValue) continue;
      if (n.startsWith('tugastambahan')) marker = 'tambahan';
      else if (n.startsWith('kreativitas')) marker = 'kreativitas';
      else if (n.startsWith('kegiatantugas') || n.startsWith('tugaspokok')) marker = 'kegiatan';
    }
    if (marker) {
      section = marker;
      const stated = statedNumber(g, r, h.nilaiCol, sink, { id: 'Nilai', en: 'Value' });
      if (stated && section === 'tambahan') tugasTambahan.stated.push(stated);
      if (stated && section === 'kreativitas') kreativitas.points.push(stated);
      continue;
    }

    // The text of the row: the kegiatan column, else the first text cell left of the targets.
    let textCol: number | null = null;
    if (h.kegiatanCol !== null && cellText(cells[h.kegiatanCol] ?? null) !== null && typeof cells[h.kegiatanCol] === 'string') textCol = h.kegiatanCol;
    else {
      for (let c = 0; c < leftLimit && c < cells.length; c++) {
        if (c === h.noCol) continue;
        if (typeof cells[c] === 'string' && cellText(cells[c]!) !== null && !/^\s*\d+\.?\s*$/.test(cells[c] as string)) {
          textCol = c;
          break;
        }
      }
    }
    const text = textCol !== null ? cellText(cells[textCol] ?? null) : null;

    if (section === 'tambahan' || section === 'kreativitas') {
      const stated = statedNumber(g, r, h.nilaiCol, sink, { id: 'Nilai', en: 'Value' });
      if (text !== null && textCol !== null) {
        const item = { value: text, place: placeOf(g, r, textCol) };
        if (section === 'tambahan') tugasTambahan.duties.push(item);
        else kreativitas.items.push(item);
      }
      if (stated) (section === 'tambahan' ? tugasTambahan.stated : kreativitas.points).push(stated);
      continue;
    }

    if (!hasAspectValue) {
      if (text !== null && textCol !== null) {
        sink.error('PP46_ACTIVITY_NO_TARGET', placeOf(g, r, textCol), {
          id: `Kegiatan "${text}" tanpa target dan realisasi; tidak dinilai.`,
          en: `Activity "${text}" has no target and no realisation; not scored.`,
        }, {
          id: 'Isi target dan realisasi kegiatan ini, atau hapus barisnya.',
          en: 'Fill in the target and realisation of this activity, or delete its row.',
        });
      }
      continue; // a numbered blank row of the printed form
    }

    let readable = true;
    const read = (group: 'target' | 'realisasi'): Record<Pp46Aspect, Loc<Quantity> | null> => {
      const out = { kuantitas: null, kualitas: null, waktu: null, biaya: null } as Record<Pp46Aspect, Loc<Quantity> | null>;
      for (const a of PP46_ASPECTS) {
        const cols = h.cols[group][a];
        if (!cols) continue;
        const place = placeOf(g, r, cols.value);
        const parsed = parseQuantity(at(g, r, cols.value));
        const aspectLabel = { id: `${group === 'target' ? 'Target' : 'Realisasi'} ${a}`, en: `${group === 'target' ? 'Target' : 'Realisation'} ${a}` };
        if (!parsed.ok) {
          reportParsed(sink, place, aspectLabel, parsed);
          readable = false;
          continue;
        }
        const q = { ...parsed.value };
        if (cols.unit !== null && q.unit === null) q.unit = cellText(at(g, r, cols.unit));
        out[a] = { value: q, place };
      }
      return out;
    };
    const target = read('target');
    const realisasi = read('realisasi');
    const name = text ?? `Kegiatan ${activities.length + 1}`;
    if (text === null) {
      sink.warning('PP46_ACTIVITY_UNNAMED', placeOf(g, r), {
        id: `Baris kegiatan ${r} tanpa uraian kegiatan; dinamai "${name}".`,
        en: `Activity row ${r} has no description; named "${name}".`,
      }, { id: 'Isi uraian kegiatan pada kolom Kegiatan.', en: 'Fill in the description in the Kegiatan column.' });
    }
    activities.push({
      index: activities.length + 1,
      kegiatan: { value: name, place: textCol !== null ? placeOf(g, r, textCol) : placeOf(g, r) },
      row: placeOf(g, r),
      target, realisasi,
      perhitungan: statedNumber(g, r, h.perhitunganCol, sink, { id: 'Perhitungan', en: 'Calculation' }),
      nilai: statedNumber(g, r, h.nilaiCol, sink, { id: 'Nilai capaian', en: 'Achievement value' }),
      readable,
    });
  }
  return { grid: g, penilai, dinilai, period, activities, tugasTambahan, kreativitas, final };
}

/** True when the sheet looks like the "Penilaian Prestasi Kerja" page. */
export function isPrestasiSheet(g: Grid): boolean {
  return findCell(g, (n) => bare(n).startsWith('nilaiprestasikerja')) !== null && findCell(g, (n) => bare(n).includes('sasarankerja')) !== null;
}

/** Numbers right of a label, skipping weight cells ('x 60%', '60 %') and sebutan text. */
function numbersRight(g: Grid, row: number, col: number): Loc<number>[] {
  const out: Loc<number>[] = [];
  const cells = g.rows.get(row) ?? [];
  for (let c = col + 1; c < cells.length; c++) {
    const v = cells[c] ?? null;
    if (isBlank(v)) continue;
    if (typeof v === 'string' && /[%x×*]/i.test(v) && !/\(/.test(v)) continue;
    const s = splitValueAndSebutan(v);
    if (s.number && s.number.ok) out.push({ value: s.number.value, place: placeOf(g, row, c) });
  }
  return out;
}

export function parsePrestasiForm(g: Grid): PrestasiForm {
  const rowOf = (test: (n: string) => boolean): { row: number; col: number } | null => findCell(g, (n) => test(bare(n)));
  const skpAt = rowOf((n) => n.includes('sasarankerja'));
  const people = readPeople(g, skpAt?.row ?? Number.POSITIVE_INFINITY);
  const skpNums = skpAt ? numbersRight(g, skpAt.row, skpAt.col) : [];
  // 'JUMLAH' is also a column heading of this page: take the first label with a number beside it.
  const withNumber = (test: (n: string) => boolean): Loc<number> | null => {
    for (const r of g.rowNumbers) {
      const cells = g.rows.get(r)!;
      for (let c = 0; c < cells.length; c++) {
        if (!test(bare(norm(cells[c] ?? null)))) continue;
        const first = numbersRight(g, r, c)[0];
        if (first) return first;
      }
    }
    return null;
  };
  const perilaku = {} as Record<PerilakuKey, Loc<number> | null>;
  for (const [key, label] of PERILAKU_LABELS) perilaku[key] = withNumber((n) => n.startsWith(label));
  const meanAt = rowOf((n) => n.startsWith('nilairatarata') || n.startsWith('ratarata'));
  const meanNums = meanAt ? numbersRight(g, meanAt.row, meanAt.col) : [];
  const nilaiAt = rowOf((n) => n.startsWith('nilaiprestasikerja'));
  let nilai: Loc<number> | null = null;
  let sebutan: Loc<string> | null = null;
  if (nilaiAt) {
    const right = valueRightOf(g, nilaiAt.row, nilaiAt.col);
    if (right) {
      const s = splitValueAndSebutan(right.value);
      if (s.number?.ok) nilai = { value: s.number.value, place: placeOf(g, nilaiAt.row, right.col) };
      if (s.sebutan) sebutan = { value: s.sebutan, place: placeOf(g, nilaiAt.row, right.col) };
      else {
        for (const [rr, cc] of [[nilaiAt.row + 1, right.col], [nilaiAt.row, right.col + 1]] as const) {
          const t = splitValueAndSebutan(at(g, rr, cc));
          if (t.sebutan && t.number === null) {
            sebutan = { value: t.sebutan, place: placeOf(g, rr, cc) };
            break;
          }
        }
      }
    }
  }
  return {
    grid: g,
    nip: people.dinilai.nip,
    skp: skpNums[0] ?? null,
    skpPart: skpNums.length >= 2 ? skpNums[skpNums.length - 1]! : null,
    perilaku,
    jumlah: withNumber((n) => n === 'jumlah'),
    mean: meanNums[0] ?? null,
    perilakuPart: meanNums.length >= 2 ? meanNums[meanNums.length - 1]! : null,
    nilai, sebutan,
  };
}

/** A NIP read from a form cell, validated (numbers have lost digits; see readPeople). */
export function formNip(loc: Loc<string> | null, sink: IssueSink, who: { id: string; en: string }): string | null {
  if (!loc) return null;
  const numeric = loc.value.startsWith('#NUM:');
  const raw = numeric ? loc.value.slice(5) : loc.value;
  const r = parseNip(numeric ? Number(raw) : raw);
  if (r.ok) return r.nip;
  const lenient = r.problem === 'NIP_TMT' ? parseNip(raw, { pppk: true }) : r;
  if (lenient.ok) return lenient.nip;
  sink.error(r.problem, loc.place, {
    id: `NIP ${who.id} '${raw}' tidak sah (${r.problem}).`,
    en: `The NIP of the ${who.en} '${raw}' is not valid (${r.problem}).`,
  }, numeric ? {
    id: 'NIP tersimpan sebagai angka sehingga digit terakhir hilang: format selnya sebagai Teks lalu ketik ulang 18 digit.',
    en: 'The NIP is stored as a number so its last digits are lost: format the cell as Text and retype the 18 digits.',
  } : { id: 'Periksa NIP pada SK atau SIASN.', en: 'Check the NIP against the decree or SIASN.' });
  return null;
}

