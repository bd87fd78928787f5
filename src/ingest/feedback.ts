import type { IssueSink } from '../domain/issues.js';
import type { Text } from '../domain/i18n.js';
import { parseNip } from '../domain/nip.js';
import type { CellPlace } from '../domain/place.js';
import { formatPlace } from '../domain/place.js';
import type { Period } from '../domain/period.js';
import { containsDate, isoDate } from '../domain/period.js';
import { UNSUR_KEYS, UNSUR_LABELS } from '../engine/ikm.js';
import type { Answer, SurveyResponse } from '../engine/ikm.js';
import type { OpenedTable } from '../io/table.js';
import { isCellError } from '../io/types.js';
import { cellText } from '../io/values.js';
import { UNSUR } from './columns.js';
import type { RowCounts } from './counts.js';
import { RowReader } from './row.js';

/**
 * Citizen feedback files (SPEC §2 umpan-balik, §4) → survey responses, merged over every file of
 * the period.
 *
 * Per row: Tanggal is required and must be a date; Unit Kerja and/or Layanan is required and at
 * least one of them must name a unit or service of the roster; each answer is 1–4 or blank (a blank
 * is not counted for that unsur); a row with no answer at all is rejected. Answers are placed by the
 * unsur their column header names (U3, "Waktu Penyelesaian", "Completion Time"), never by position.
 *
 * What a row becomes, so that read = accepted + rejected per file:
 * - accepted: counted in the IKM;
 * - rejected with an error: a value is wrong (reported at its cell);
 * - rejected with a warning: a valid response that is not counted, because its date lies outside
 *   the period (FEEDBACK_OUTSIDE_PERIOD) or it repeats a respondent already counted
 *   (FEEDBACK_DUPLICATE, naming the first occurrence).
 *
 * Duplicates, across all files of the period: a row with an ID Responden repeats an earlier row
 * with the same ID (trimmed, case ignored); a row without an ID repeats an earlier row without an
 * ID whose values are all the same (as read: the same date, unit, service, answers, officer and
 * complaint, whichever file or format they came from). Only accepted rows are remembered.
 *
 * Memory: responses are handed to `onResponse` one by one and not kept. What is kept to find
 * duplicates is a 64-bit hash per accepted row and the place of that row (16 bytes per row in a
 * typed-array table), so a survey of millions of rows does not hold its rows. Two different keys
 * share a 64-bit hash with probability about n²/2⁶⁵ (10⁻¹⁰ for 100,000 rows).
 */

export interface FeedbackIngestContext {
  period: Period;
  /** Unit names of the roster, as written there. */
  units: Iterable<string>;
  /** Service codes of the roster (Layanan), upper case. */
  services: Iterable<string>;
  /** NIPs of the roster's employees. */
  employees: ReadonlySet<string>;
}

export interface FeedbackFileCounts extends RowCounts {
  /** Rows rejected as repeats of a respondent already counted (warnings). */
  duplicates: number;
  /** Rows rejected because their date lies outside the period (warnings). */
  outsidePeriod: number;
}

export interface FeedbackTotals extends FeedbackFileCounts {
  files: number;
}

const ANSWERS: Record<string, Answer> = { '1': 1, '2': 2, '3': 3, '4': 4 };

/** Unit names compared without regard to case and repeated spaces. */
export function unitKey(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Service codes as the roster writes them (splitServices: trimmed, upper case). */
export function serviceCode(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toUpperCase();
}

export class FeedbackIngest {
  readonly totals: FeedbackTotals = { files: 0, read: 0, accepted: 0, rejected: 0, duplicates: 0, outsidePeriod: 0 };
  private readonly units = new Map<string, string>();
  private readonly services: ReadonlySet<string>;
  private readonly seen = new SeenTable();
  private readonly unitKeys = new Memo(unitKey);
  private readonly serviceCodes = new Memo(serviceCode);
  /** Place of each file (and sheet) read, indexed by the number stored in the seen table. */
  private readonly sources: { file: string; sheet?: string }[] = [];

  constructor(
    private readonly ctx: FeedbackIngestContext,
    private readonly sink: IssueSink,
  ) {
    for (const u of ctx.units) this.units.set(unitKey(u), u);
    this.services = new Set([...ctx.services].map(serviceCode));
  }

  /** Reads one file; calls onResponse for every accepted response, in file order. */
  async ingest(table: OpenedTable, onResponse: (r: SurveyResponse) => void): Promise<FeedbackFileCounts> {
    const counts: FeedbackFileCounts = { read: 0, accepted: 0, rejected: 0, duplicates: 0, outsidePeriod: 0 };
    const sourceIndex = this.sources.length;
    this.sources.push({ file: table.info.file, ...(table.info.sheet !== undefined ? { sheet: table.info.sheet } : {}) });
    this.totals.files++;
    this.checkColumns(table);
    const { period } = this.ctx;
    const sink = this.sink;

    for await (const row of table.rows()) {
      counts.read++;
      const r = new RowReader(row, sink);
      const date = r.date('date', 'Tanggal', true);
      const unitText = r.text('unit', 'Unit Kerja');
      const serviceText = r.text('service', 'Layanan');
      const answers: (Answer | null)[] = [];
      let given = 0;
      for (let i = 0; i < UNSUR_KEYS.length; i++) {
        const a = readAnswer(r, UNSUR_KEYS[i]!);
        answers.push(a ?? null);
        if (a !== null && a !== undefined) given++;
      }
      const respondentId = r.text('respondentId', 'ID Responden');
      const officerNip = this.readOfficer(r);
      const complaint = r.text('complaint', 'Pengaduan');
      const complaintCategory = r.text('complaintCategory', 'Kategori Pengaduan');

      // Unit and/or service: at least one given, and at least one known to the roster.
      let unit: string | null = null;
      let service: string | null = null;
      if (unitText !== undefined && serviceText !== undefined) {
        if (unitText === null && serviceText === null) {
          r.error('unit', 'FEEDBACK_NO_UNIT_OR_SERVICE', {
            id: 'Unit Kerja dan Layanan sama-sama kosong; tanggapan ini tidak dapat dikaitkan dengan layanan mana pun.',
            en: 'Unit Kerja and Layanan are both empty; this response cannot be tied to any service.',
          }, {
            id: 'Isi Unit Kerja atau Layanan (atau keduanya) sesuai loket tempat responden dilayani.',
            en: 'Fill in Unit Kerja or Layanan (or both) for the counter where the respondent was served.',
          });
        } else {
          const knownUnit = unitText === null ? null : this.units.get(this.unitKeys.get(unitText)) ?? null;
          const code = serviceText === null ? null : this.serviceCodes.get(serviceText);
          const knownService = code !== null && this.services.has(code);
          unit = knownUnit ?? unitText;
          service = code;
          if (knownUnit === null && !knownService) {
            const what = [unitText !== null ? `Unit Kerja '${unitText}'` : null, code !== null ? `Layanan '${code}'` : null].filter(Boolean).join(' / ');
            r.error(unitText !== null ? 'unit' : 'service', 'FEEDBACK_UNIT_SERVICE_UNKNOWN', {
              id: `${what} tidak dikenal di daftar pegawai (Unit Kerja atau Layanan); tanggapan ini tidak dapat dikaitkan dengan pegawai mana pun.`,
              en: `${what} is not known in the roster (Unit Kerja or Layanan); this response cannot be tied to any employee.`,
            }, {
              id: 'Tulis nama unit persis seperti di daftar pegawai, atau kode layanan yang tercantum di kolom Layanan daftar pegawai.',
              en: 'Write the unit name exactly as in the roster, or a service code listed in the roster’s Layanan column.',
            });
          } else if (unitText !== null && knownUnit === null) {
            r.warning('unit', 'FEEDBACK_UNIT_UNKNOWN', {
              id: `Unit Kerja '${unitText}' tidak ada di daftar pegawai; tanggapan dihitung untuk layanan ${code} dan tampil sebagai unit tersendiri, tetapi tidak sampai ke pegawai unit mana pun.`,
              en: `Unit Kerja '${unitText}' is not in the roster; the response counts for service ${code} and shows as a unit of its own, but reaches no unit's employees.`,
            }, {
              id: 'Perbaiki nama unit agar sama dengan daftar pegawai.',
              en: 'Correct the unit name to match the roster.',
            });
          } else if (code !== null && !knownService) {
            r.warning('service', 'FEEDBACK_SERVICE_UNKNOWN', {
              id: `Layanan '${code}' tidak dilayani pegawai mana pun di daftar pegawai; tanggapan dihitung untuk unit ${unit}, tetapi tidak untuk petugas layanan.`,
              en: `Service '${code}' is served by no employee in the roster; the response counts for unit ${unit}, but not for any service's staff.`,
            }, {
              id: 'Perbaiki kode layanan, atau tambahkan kode itu di kolom Layanan pegawai yang melayaninya.',
              en: 'Correct the service code, or add it to the Layanan column of the staff who serve it.',
            });
          }
        }
      }

      if (r.ok && given === 0) {
        r.error('U1', 'FEEDBACK_NO_ANSWERS', {
          id: 'Tidak ada satu pun jawaban U1–U9; baris ini bukan tanggapan survei.',
          en: 'No answer to any of U1–U9; this row is not a survey response.',
        }, {
          id: 'Isi jawaban 1–4 untuk unsur yang dinilai responden, atau hapus baris ini.',
          en: 'Enter the answers 1–4 the respondent gave, or delete this row.',
        });
      }
      if (!r.ok || date === undefined || date === null) {
        counts.rejected++;
        continue;
      }
      if (!containsDate(period, date)) {
        r.warning('date', 'FEEDBACK_OUTSIDE_PERIOD', {
          id: `Tanggal ${isoDate(date)} di luar periode ${period.id} (${isoDate(period.start)} s.d. ${isoDate(period.end)}); tanggapan ini tidak dihitung dalam IKM periode ini.`,
          en: `Date ${isoDate(date)} lies outside period ${period.id} (${isoDate(period.start)} to ${isoDate(period.end)}); this response is not counted in this period's IKM.`,
        }, {
          id: 'Pindahkan baris ke berkas umpan balik periode yang benar, atau perbaiki tanggalnya.',
          en: 'Move the row to the feedback files of the right period, or correct its date.',
        });
        counts.rejected++;
        counts.outsidePeriod++;
        continue;
      }

      const key = respondentId !== null && respondentId !== undefined
        ? `id\u0000${respondentId.trim().toLowerCase()}`
        : ['row', isoDate(date), unit === null ? '' : this.unitKeys.get(unit), service ?? '', answers.map((a) => a ?? '').join(','),
          officerNip ?? '', normText(complaint), normText(complaintCategory)].join('\u0000');
      const first = this.seen.claim(key, sourceIndex, row.place.row ?? 0);
      if (first !== null) {
        const src = this.sources[first.source]!;
        const firstPlace: CellPlace = { ...src, row: first.row };
        const byId = respondentId !== null && respondentId !== undefined;
        r.warning(byId ? 'respondentId' : 'date', 'FEEDBACK_DUPLICATE', byId ? {
          id: `ID Responden '${respondentId}' sudah ada di ${formatPlace(firstPlace)}; responden yang sama dihitung sekali, baris ini tidak dihitung.`,
          en: `ID Responden '${respondentId}' already appears at ${formatPlace(firstPlace)}; the same respondent counts once, this row is not counted.`,
        } : {
          id: `Baris ini sama persis dengan ${formatPlace(firstPlace)}; responden yang sama dihitung sekali, baris ini tidak dihitung.`,
          en: `This row is identical to ${formatPlace(firstPlace)}; the same respondent counts once, this row is not counted.`,
        }, {
          id: 'Hapus baris ganda (sering terjadi saat rekap dari beberapa loket digabung).',
          en: 'Delete the repeated row (common when counters’ tallies are combined).',
        });
        counts.rejected++;
        counts.duplicates++;
        continue;
      }

      counts.accepted++;
      onResponse({
        unit,
        service,
        answers,
        officerNip,
        complaint: complaint ?? null,
        complaintCategory: complaintCategory ?? null,
        respondentKey: respondentId ?? `${formatPlace(row.place)}`,
        date,
        place: row.place,
      });
    }
    this.totals.read += counts.read;
    this.totals.accepted += counts.accepted;
    this.totals.rejected += counts.rejected;
    this.totals.duplicates += counts.duplicates;
    this.totals.outsidePeriod += counts.outsidePeriod;
    return counts;
  }

  /** File-level checks: the unsur and unit/service columns present. */
  private checkColumns(table: OpenedTable): void {
    const keys = new Set(table.columns.map((c) => c.key));
    const place: CellPlace = { file: table.info.file, ...(table.info.sheet !== undefined ? { sheet: table.info.sheet } : {}) };
    const missing = UNSUR.filter((u) => !keys.has(u.key));
    if (missing.length > 0 && missing.length < UNSUR.length) {
      const list = missing.map((u) => `${u.key} ${u.header}`).join(', ');
      this.sink.warning('FEEDBACK_UNSUR_COLUMN_MISSING', place, {
        id: `Kolom unsur tidak ditemukan: ${list}. Tanggapan dari berkas ini dihitung tanpa jawaban untuk unsur tersebut.`,
        en: `Unsur columns not found: ${list}. Responses from this file count with no answer for those unsur.`,
      }, {
        id: 'Beri judul kolom U1..U9 atau nama unsurnya (mis. "Waktu Penyelesaian").',
        en: 'Head the columns U1..U9 or with the unsur names (e.g. "Waktu Penyelesaian").',
      });
    }
  }

  /** NIP Petugas: a malformed NIP or one not in the roster is reported; the response still counts
   *  for its unit and service, but for no officer. */
  private readOfficer(r: RowReader): string | null {
    const v = r.raw('officerNip');
    if (isCellError(v)) {
      r.warning('officerNip', 'ERROR_CELL', {
        id: `NIP Petugas: sel berisi galat ${v.error}; tanggapan dihitung tanpa petugas.`,
        en: `NIP Petugas: the cell holds the error ${v.error}; the response counts without an officer.`,
      }, { id: 'Perbaiki rumus di sel ini atau ketik NIP-nya.', en: 'Fix the formula in this cell or type the NIP.' });
      return null;
    }
    const s = cellText(v);
    if (s === null) return null;
    const parsed = parseNip(typeof v === 'number' ? v : s, { pppk: false });
    const ok = parsed.ok ? parsed : parseNip(s, { pppk: true });
    if (!ok.ok) {
      r.warning('officerNip', 'FEEDBACK_OFFICER_NIP', {
        id: `NIP Petugas '${s}' tidak valid (${parsed.ok ? '' : parsed.problem}); tanggapan dihitung untuk unit dan layanannya, tetapi tidak untuk petugas.`,
        en: `NIP Petugas '${s}' is not valid (${parsed.ok ? '' : parsed.problem}); the response counts for its unit and service, but not for an officer.`,
      }, {
        id: typeof v === 'number' ? 'Format kolom NIP Petugas sebagai Teks dan ketik ulang NIP 18 digit.' : 'Salin NIP 18 digit petugas dari daftar pegawai.',
        en: typeof v === 'number' ? 'Format the NIP Petugas column as Text and retype the 18-digit NIP.' : 'Copy the officer’s 18-digit NIP from the roster.',
      });
      return null;
    }
    if (!this.ctx.employees.has(ok.nip)) {
      r.warning('officerNip', 'FEEDBACK_OFFICER_UNKNOWN', {
        id: `NIP Petugas ${ok.nip} tidak ada di daftar pegawai yang dinilai; tanggapan dihitung untuk unit dan layanannya, tetapi tidak untuk petugas.`,
        en: `NIP Petugas ${ok.nip} is not among the appraised employees; the response counts for its unit and service, but not for an officer.`,
      }, { id: 'Periksa NIP petugas pada baris ini.', en: 'Check the officer’s NIP on this row.' });
      return null;
    }
    return ok.nip;
  }
}

function normText(s: string | null | undefined): string {
  return s === null || s === undefined ? '' : s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The label of an unsur column in messages, e.g. `U3 (Waktu Penyelesaian)`. */
function answerLabel(key: string): string {
  return `${key} (${UNSUR_LABELS[key as keyof typeof UNSUR_LABELS].id})`;
}

/** One answer: 1–4 (a number or its text), blank → null, anything else an error at its cell. */
function readAnswer(r: RowReader, key: string): Answer | null | undefined {
  const v = r.raw(key);
  // The common cells first, without making any string: a number 1–4 or a one-character text.
  if (typeof v === 'number' && (v === 1 || v === 2 || v === 3 || v === 4)) return v;
  if (typeof v === 'string' && v.length === 1) {
    const a = ANSWERS[v];
    if (a !== undefined) return a;
  }
  if (isCellError(v)) {
    const label = answerLabel(key);
    r.error(key, 'ERROR_CELL', { id: `${label}: sel berisi galat ${v.error}.`, en: `${label}: the cell holds the error ${v.error}.` },
      { id: 'Perbaiki rumus di sel ini atau ketik jawabannya (1–4).', en: 'Fix the formula in this cell or type the answer (1–4).' });
    return undefined;
  }
  const s = cellText(v);
  if (s === null) return null;
  // Integers only: '4', 4, '4,0' and 4.0 are 4; 3.5 or 'puas' are not answers.
  const t = s.replace(/[.,]0+$/, '');
  const a = ANSWERS[t];
  if (a === undefined) {
    const label = answerLabel(key);
    r.error(key, 'ANSWER_OUT_OF_RANGE', {
      id: `${label}: '${s}' bukan jawaban yang sah; jawaban survei adalah 1, 2, 3 atau 4.`,
      en: `${label}: '${s}' is not a valid answer; survey answers are 1, 2, 3 or 4.`,
    }, {
      id: 'Tulis 1 (tidak baik) sampai 4 (sangat baik), atau kosongkan jika responden tidak menjawab unsur ini.',
      en: 'Write 1 (not good) to 4 (very good), or leave it blank if the respondent did not answer this unsur.',
    } satisfies Text);
    return undefined;
  }
  return a;
}

/** A memo of a normalisation over the few distinct texts a survey repeats (unit names, service codes); bounded. */
class Memo {
  private readonly map = new Map<string, string>();
  constructor(private readonly f: (s: string) => string, private readonly max = 4096) {}
  get(s: string): string {
    let v = this.map.get(s);
    if (v === undefined) {
      v = this.f(s);
      if (this.map.size < this.max) this.map.set(s, v);
    }
    return v;
  }
}

/**
 * Open-addressing hash set of 64-bit key hashes, each with the place of its first row (source
 * index, row number). Grows by doubling at half load.
 */
class SeenTable {
  private hi = new Uint32Array(1024);
  private lo = new Uint32Array(1024);
  private src = new Uint32Array(1024);
  private row = new Uint32Array(1024);
  private used = new Uint8Array(1024);
  private size = 0;

  /** Records the key; returns the first occurrence when the key was already there. */
  claim(key: string, source: number, row: number): { source: number; row: number } | null {
    const [h1, h2] = hash64(key);
    const found = this.find(h1, h2);
    if (found >= 0 && this.used[found]) return { source: this.src[found]!, row: this.row[found]! };
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const slot = this.find(h1, h2);
    this.hi[slot] = h1;
    this.lo[slot] = h2;
    this.src[slot] = source;
    this.row[slot] = row;
    this.used[slot] = 1;
    this.size++;
    return null;
  }

  /** The slot holding (h1, h2), or the empty slot where it would go. */
  private find(h1: number, h2: number): number {
    const mask = this.used.length - 1;
    let i = (h2 ^ Math.imul(h1, 0x9e3779b1)) & mask;
    while (this.used[i] && !(this.hi[i] === h1 && this.lo[i] === h2)) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const { hi, lo, src, row, used } = this;
    const n = used.length * 2;
    this.hi = new Uint32Array(n);
    this.lo = new Uint32Array(n);
    this.src = new Uint32Array(n);
    this.row = new Uint32Array(n);
    this.used = new Uint8Array(n);
    for (let i = 0; i < used.length; i++) {
      if (!used[i]) continue;
      const slot = this.find(hi[i]!, lo[i]!);
      this.hi[slot] = hi[i]!;
      this.lo[slot] = lo[i]!;
      this.src[slot] = src[i]!;
      this.row[slot] = row[i]!;
      this.used[slot] = 1;
    }
  }
}

/** cyrb53's two 32-bit lanes, both kept: a 64-bit string hash. */
function hash64(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
