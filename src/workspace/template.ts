import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { defaultConfig, type AspectConfig, type InputKind } from '../config/schema.js';
import type { Lang, Text } from '../domain/i18n.js';
import { columnLetter } from '../domain/place.js';
import { BERAKHLAK_VALUES, COLUMNS, ENUMS, UNSUR } from '../ingest/columns.js';
import type { ColumnSpec } from '../io/types.js';
import { stableZip } from '../io/zip.js';

/**
 * Blank input templates (SPEC §1 `appraise init`, §7 `appraise template`): one data sheet whose
 * header row is the first (Indonesian) header of every column, and a 'Petunjuk' sheet that explains
 * each column. Dropdowns cover a bounded range only: whole-column validations make ExcelJS's
 * in-memory reader hang (ARCHITECTURE.md), and users' readers may be as fragile.
 */

/** Last row that carries the dropdowns and number formats. */
export const TEMPLATE_LAST_ROW = 1000;

/** Fixed workbook dates, so that the same template comes out the same every time (SPEC §8). */
export const TEMPLATE_DATE = new Date(Date.UTC(2025, 0, 1));

export const DATA_SHEET_NAMES: Record<InputKind, string> = {
  pegawai: 'Pegawai',
  indikator: 'Indikator',
  perilaku: 'Perilaku',
  unit: 'Unit',
  'umpan-balik': 'Umpan Balik',
  'katalog-pelatihan': 'Katalog Pelatihan',
};

export const GUIDE_SHEET_NAME = 'Petunjuk';

/** Columns holding a NIP: stored as Text so Excel does not cut 18 digits down to 15. */
const NIP_KEYS = new Set(['nip', 'supervisorNip', 'raterNip', 'leaderNip', 'officerNip']);
const DATE_KEYS = new Set(['start', 'end', 'date']);
const RATING_KEYS = new Set<string>([...BERAKHLAK_VALUES.map((v) => v.key), 'workRating']);
const UNSUR_KEYS = new Set<string>(UNSUR.map((u) => u.key));

/** Excel refuses an inline list longer than 255 characters. */
const INLINE_LIST_MAX = 255;

export interface TemplateOptions {
  /** The workspace's aspects; the Aspek dropdown offers those scored from indicators. Default: the config defaults. */
  aspects?: AspectConfig[];
}

interface ColumnHelp {
  text: Text;
  example: string;
}

const ratingHelp = (name: string): ColumnHelp => ({
  text: {
    id: `Rating nilai BerAKHLAK "${name}": Di Atas Ekspektasi, Sesuai Ekspektasi atau Di Bawah Ekspektasi (juga diterima: atas/sesuai/bawah, 3/2/1).`,
    en: `Rating of the BerAKHLAK value "${name}": Di Atas Ekspektasi, Sesuai Ekspektasi or Di Bawah Ekspektasi (also accepted: atas/sesuai/bawah, 3/2/1).`,
  },
  example: 'Sesuai Ekspektasi',
});

const NIP_TEXT: Text = {
  id: 'ditulis sebagai teks 18 digit (kolom ini sudah berformat Teks). Spasi atau titik pemisah boleh.',
  en: 'written as 18-digit text (the column is already formatted as Text). Grouping spaces or dots are allowed.',
};

function nipHelp(what: Text, example = '198503122010012003'): ColumnHelp {
  return { text: { id: `${what.id}, ${NIP_TEXT.id}`, en: `${what.en}, ${NIP_TEXT.en}` }, example };
}

function help(kind: InputKind, key: string, aspectKeys: string[]): ColumnHelp {
  const unsur = UNSUR.find((u) => u.key === key);
  if (unsur) {
    return {
      text: {
        id: `Jawaban unsur ${unsur.key} ${unsur.header}: 1, 2, 3 atau 4. Kosong = responden tidak menjawab unsur ini.`,
        en: `Answer for unsur ${unsur.key} ${unsur.en} (${unsur.header}): 1, 2, 3 or 4. Blank = the respondent did not answer it.`,
      },
      example: '3',
    };
  }
  const value = BERAKHLAK_VALUES.find((v) => v.key === key);
  if (value) return ratingHelp(value.header);
  const table: Record<string, ColumnHelp> = HELP[kind] ?? {};
  const found = table[key];
  if (found) return found;
  if (key === 'aspect') {
    return {
      text: {
        id: `Kode aspek kinerja dari appraise.config.yaml: ${aspectKeys.join(', ')}.`,
        en: `Performance aspect key from appraise.config.yaml: ${aspectKeys.join(', ')}.`,
      },
      example: aspectKeys[0] ?? '',
    };
  }
  throw new Error(`No help text for column ${kind}.${key}`);
}

const HELP: Partial<Record<InputKind, Record<string, ColumnHelp>>> = {
  pegawai: {
    nip: nipHelp({ id: 'NIP pegawai', en: 'Employee NIP' }),
    name: { text: { id: 'Nama lengkap beserta gelar.', en: 'Full name with academic titles.' }, example: 'Cut Nurul Hidayah, S.E.' },
    position: { text: { id: 'Nama jabatan.', en: 'Position title.' }, example: 'Analis Kependudukan' },
    positionType: {
      text: { id: `Jenis jabatan: ${ENUMS.positionType.join(', ')}.`, en: `Position type: ${ENUMS.positionType.join(', ')}.` },
      example: 'fungsional',
    },
    unit: {
      text: {
        id: 'Unit kerja (OPD), ditulis persis sama di semua file (pegawai, unit, umpan balik).',
        en: 'Work unit (OPD), spelled exactly the same in every file (roster, units, feedback).',
      },
      example: 'Dinas Kependudukan dan Pencatatan Sipil',
    },
    grade: {
      text: { id: 'Golongan ruang: PNS I/a … IV/e; PPPK I … XVII.', en: 'Grade: PNS I/a … IV/e; PPPK I … XVII.' },
      example: 'III/b',
    },
    status: {
      text: {
        id: 'PNS atau PPPK. NIP PPPK memuat tahun pengangkatan dan kode 2 digit di tempat TMT CPNS. Kosong = PNS.',
        en: 'PNS or PPPK. A PPPK NIP holds the year of appointment and a 2-digit code where a PNS NIP has its TMT CPNS. Blank = PNS.',
      },
      example: 'PNS',
    },
    supervisorNip: nipHelp({
      id: 'NIP atasan langsung (pejabat penilai), harus ada di daftar pegawai ini; kosong untuk pimpinan tertinggi',
      en: 'NIP of the direct supervisor (the appraiser), who must be in this roster; blank for the top official',
    }, '197208151998031004'),
    services: {
      text: {
        id: 'Kode layanan yang dilayani, dipisah titik koma (;). Menghubungkan pegawai dengan survei kepuasan masyarakat layanan itu.',
        en: 'Codes of the services this employee serves, separated by semicolons (;). Links the employee to the citizen survey of those services.',
      },
      example: 'AKTA-LAHIR;AKTA-KEMATIAN',
    },
    start: {
      text: {
        id: 'Tanggal mulai penugasan di unit ini (untuk mutasi di tengah periode). Kosong = sejak sebelum periode.',
        en: 'Start date of the assignment to this unit (for transfers within a period). Blank = since before the period.',
      },
      example: '01/03/2025',
    },
    end: {
      text: { id: 'Tanggal selesai penugasan di unit ini. Kosong = masih bertugas.', en: 'End date of the assignment. Blank = still assigned.' },
      example: '15/05/2025',
    },
  },
  indikator: {
    nip: nipHelp({ id: 'NIP pemilik indikator, harus ada di daftar pegawai', en: 'NIP of the indicator owner, who must be in the roster' }),
    code: {
      text: {
        id: 'Kode indikator, unik per pegawai. Katalog pelatihan dapat merujuknya (indikator:<kode>).',
        en: 'Indicator code, unique per employee. The training catalogue may refer to it (indikator:<code>).',
      },
      example: 'DKP-AKL-02',
    },
    text: {
      text: { id: 'Rumusan Indikator Kinerja Individu (IKI).', en: 'Wording of the individual performance indicator (IKI).' },
      example: 'Rata-rata waktu penyelesaian akta kelahiran',
    },
    kind: {
      text: { id: 'utama atau tambahan. Kosong = utama.', en: 'utama (main) or tambahan (additional). Blank = utama.' },
      example: 'utama',
    },
    target: {
      text: {
        id: 'Target periode ini: angka (88,5 · 1.234 · 95%) atau rentang seperti 60-85. Harus lebih dari 0 bila Arah naik.',
        en: 'Target for this period: a number (88,5 · 1.234 · 95%) or a range such as 60-85. Must be above 0 when Arah is naik.',
      },
      example: '3',
    },
    actual: {
      text: {
        id: 'Realisasi periode ini. Kosong = belum dilaporkan (tidak dianggap nol).',
        en: 'Actual value for this period. Blank = not reported (never taken as zero).',
      },
      example: '2,6',
    },
    unitLabel: { text: { id: 'Satuan, mis. dokumen, hari, menit, %, pasien.', en: 'Unit of measure, e.g. dokumen, hari, menit, %, pasien.' }, example: 'hari' },
    direction: {
      text: {
        id: 'naik = makin tinggi makin baik; turun = makin rendah makin baik (waktu, keluhan). Kosong = naik.',
        en: 'naik = higher is better; turun = lower is better (time, complaints). Blank = naik.',
      },
      example: 'turun',
    },
    weight: { text: { id: 'Bobot di dalam aspeknya, angka positif. Kosong = 1.', en: 'Weight within its aspect, a positive number. Blank = 1.' }, example: '1' },
    aggregation: {
      text: {
        id: 'Cara sub-periode digabung ke periode yang lebih panjang: jumlah, rata-rata, terakhir. Kosong = jumlah.',
        en: 'How sub-periods combine into a longer period: jumlah (sum), rata-rata (mean), terakhir (latest). Blank = jumlah.',
      },
      example: 'rata-rata',
    },
  },
  perilaku: {
    nip: nipHelp({ id: 'NIP pegawai yang dinilai', en: 'NIP of the employee rated' }),
    raterNip: nipHelp({ id: 'NIP penilai', en: 'NIP of the rater' }, '197208151998031004'),
    raterRole: {
      text: { id: `Peran penilai: ${ENUMS.raterRole.join(', ')}. Kosong = atasan.`, en: `Rater role: ${ENUMS.raterRole.join(', ')}. Blank = atasan.` },
      example: 'atasan',
    },
    workRating: {
      text: {
        id: 'Rating hasil kerja menurut pejabat penilai. Bila diisi, menggantikan rating yang disarankan dari nilai (keduanya tetap ditampilkan).',
        en: "The appraiser's rating of work results. When given it overrides the rating suggested by the score (both are shown).",
      },
      example: 'Sesuai Ekspektasi',
    },
    note: { text: { id: 'Catatan penilai.', en: "The rater's note." }, example: '' },
  },
  unit: {
    unit: { text: { id: 'Unit kerja, ditulis sama dengan di daftar pegawai.', en: 'Work unit, spelled as in the roster.' }, example: 'Dinas Kesehatan' },
    orgPredikat: {
      text: {
        id: `Predikat kinerja organisasi: ${ENUMS.orgPredikat.join(', ')}. Menentukan kurva distribusi predikat pegawai.`,
        en: `Organisational performance predikat: ${ENUMS.orgPredikat.join(', ')}. Sets the unit's distribution curve.`,
      },
      example: 'Baik',
    },
    leaderNip: nipHelp({
      id: 'NIP pimpinan unit (dinilai dari hasil organisasi dan tidak dihitung dalam kurva)',
      en: 'NIP of the unit leader (rated from the organisation result, not counted in the curve)',
    }, '197208151998031004'),
    population: {
      text: {
        id: 'Jumlah penerima layanan dalam periode, untuk menilai kecukupan sampel survei (Krejcie-Morgan).',
        en: 'Number of people served in the period, to judge the survey sample size (Krejcie-Morgan).',
      },
      example: '2400',
    },
  },
  'umpan-balik': {
    date: { text: { id: 'Tanggal survei.', en: 'Survey date.' }, example: '14/02/2025' },
    unit: {
      text: {
        id: 'Unit kerja yang melayani. Isi Unit Kerja dan/atau Layanan (minimal salah satu).',
        en: 'Work unit that served. Fill Unit Kerja and/or Layanan (at least one).',
      },
      example: 'Dinas Kependudukan dan Pencatatan Sipil',
    },
    service: {
      text: { id: 'Kode layanan, sama dengan kolom Layanan di daftar pegawai.', en: 'Service code, as in the roster column Layanan.' },
      example: 'AKTA-LAHIR',
    },
    respondentId: {
      text: {
        id: 'ID responden. Responden yang sama (ID sama, atau baris sama persis) dihitung sekali.',
        en: 'Respondent ID. The same respondent (same ID, or an identical row) counts once.',
      },
      example: 'R-0001',
    },
    officerNip: nipHelp({ id: 'NIP petugas yang melayani (bila responden menyebutnya)', en: 'NIP of the officer who served (when the respondent names them)' }),
    complaint: { text: { id: 'Isi pengaduan, bila ada.', en: 'Complaint text, if any.' }, example: 'Akta kelahiran terlalu lama selesai' },
    complaintCategory: { text: { id: 'Kategori pengaduan.', en: 'Complaint category.' }, example: 'waktu' },
  },
  'katalog-pelatihan': {
    code: { text: { id: 'Kode program pelatihan.', en: 'Training programme code.' }, example: 'PL-01' },
    program: { text: { id: 'Nama program.', en: 'Programme name.' }, example: 'Pelatihan Pelayanan Prima' },
    targets: {
      text: {
        id: 'Celah yang dijawab, dipisah titik koma: predikat:butuh-perbaikan, aspek:kualitas-layanan, perilaku:berorientasi-pelayanan, unsur:U3, indikator:<kode>.',
        en: 'Gaps it answers, separated by semicolons: predikat:butuh-perbaikan, aspek:kualitas-layanan, perilaku:berorientasi-pelayanan, unsur:U3, indikator:<code>.',
      },
      example: 'aspek:kualitas-layanan;unsur:U3',
    },
    hours: { text: { id: 'Jam pelajaran (JP).', en: 'Hours (JP).' }, example: '24' },
    mode: { text: { id: 'Moda: klasikal, e-learning, coaching, mentoring, …', en: 'Mode: klasikal, e-learning, coaching, mentoring, …' }, example: 'klasikal' },
    provider: { text: { id: 'Penyelenggara.', en: 'Provider.' }, example: 'BKPSDM Kabupaten Simeulue' },
  },
};

const WIDTHS: Record<string, number> = {
  nip: 22, supervisorNip: 22, raterNip: 22, leaderNip: 22, officerNip: 22,
  name: 32, position: 34, unit: 40, text: 52, services: 28, program: 40, targets: 44,
  complaint: 44, complaintCategory: 22, note: 40, provider: 30, orgPredikat: 22,
  population: 24, positionType: 16, start: 14, end: 14, date: 14, unitLabel: 12,
};

function width(col: ColumnSpec): number {
  const header = col.headers[0]!;
  return Math.max(WIDTHS[col.key] ?? 0, header.length + 4, 10);
}

function enumFor(kind: InputKind, key: string, aspectKeys: string[]): readonly string[] | null {
  if (RATING_KEYS.has(key)) return ENUMS.rating;
  if (kind === 'indikator' && key === 'aspect') return aspectKeys;
  switch (key) {
    case 'positionType': return ENUMS.positionType;
    case 'status': return ENUMS.status;
    case 'kind': return ENUMS.kind;
    case 'direction': return ENUMS.direction;
    case 'aggregation': return ENUMS.aggregation;
    case 'raterRole': return ENUMS.raterRole;
    case 'orgPredikat': return ENUMS.orgPredikat;
    default: return null;
  }
}

const MSG = {
  required: { id: 'wajib: kolom ini harus diisi di setiap baris.', en: 'wajib (required): fill this column on every row.' },
  listTitle: { id: 'Nilai tidak dikenal', en: 'Unknown value' },
  list: { id: 'Pilih salah satu nilai dari daftar.', en: 'Choose one of the values in the list.' },
  aspect: {
    id: 'Aspek ini bukan aspek bawaan. Pastikan kodenya ada di appraise.config.yaml.',
    en: 'This is not one of the configured aspects. Make sure its key is in appraise.config.yaml.',
  },
  unsur: { id: 'Jawaban unsur harus bilangan bulat 1 sampai 4.', en: 'An unsur answer must be a whole number from 1 to 4.' },
  positive: { id: 'Isi angka lebih dari 0.', en: 'Enter a number above 0.' },
  nonNegative: { id: 'Isi bilangan bulat 0 atau lebih.', en: 'Enter a whole number of 0 or more.' },
} satisfies Record<string, Text>;

/** ExcelJS has `worksheet.dataValidations` at runtime but not in its type declarations. */
interface SheetValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

function validationFor(kind: InputKind, key: string, aspectKeys: string[], lang: Lang): ExcelJS.DataValidation | null {
  const values = enumFor(kind, key, aspectKeys);
  if (values) {
    const list = `"${values.join(',')}"`;
    // An over-long or comma-holding list cannot be written inline; the Petunjuk sheet still lists the values.
    if (list.length > INLINE_LIST_MAX || values.some((v) => v.includes(',') || v.includes('"'))) return null;
    const isAspect = key === 'aspect';
    return {
      type: 'list',
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      // Aspects are configurable: warn instead of blocking a key that this template did not know.
      errorStyle: isAspect ? 'warning' : 'stop',
      errorTitle: MSG.listTitle[lang],
      error: (isAspect ? MSG.aspect : MSG.list)[lang],
    };
  }
  if (UNSUR_KEYS.has(key)) {
    return {
      type: 'whole', operator: 'between', allowBlank: true, formulae: [1, 4],
      showErrorMessage: true, errorStyle: 'stop', error: MSG.unsur[lang],
    };
  }
  if (key === 'weight' || key === 'hours') {
    return {
      type: 'decimal', operator: 'greaterThan', allowBlank: true, formulae: [0],
      showErrorMessage: true, errorStyle: 'stop', error: MSG.positive[lang],
    };
  }
  if (key === 'population') {
    return {
      type: 'whole', operator: 'greaterThanOrEqual', allowBlank: true, formulae: [0],
      showErrorMessage: true, errorStyle: 'stop', error: MSG.nonNegative[lang],
    };
  }
  return null;
}

/** Aspects that indicator rows may name: those scored from indicators, not from the survey. */
export function indicatorAspectKeys(aspects: AspectConfig[]): string[] {
  return aspects.filter((a) => a.source === 'indicators').map((a) => a.key);
}

/** The template as an in-memory workbook (exported for tests and for `appraise template` to stream). */
export function buildTemplate(kind: InputKind, lang: Lang, options: TemplateOptions = {}): ExcelJS.Workbook {
  const aspectKeys = indicatorAspectKeys(options.aspects ?? defaultConfig().aspects);
  const columns = COLUMNS[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'appraise';
  wb.lastModifiedBy = 'appraise';
  wb.created = TEMPLATE_DATE;
  wb.modified = TEMPLATE_DATE;
  wb.lastPrinted = TEMPLATE_DATE;

  const ws = wb.addWorksheet(DATA_SHEET_NAMES[kind], { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const dateFormat = lang === 'id' ? 'dd/mm/yyyy' : 'yyyy-mm-dd';
  ws.columns = columns.map((col) => {
    const numFmt = NIP_KEYS.has(col.key) ? '@' : DATE_KEYS.has(col.key) ? dateFormat : undefined;
    return { key: col.key, width: width(col), ...(numFmt ? { style: { numFmt } } : {}) };
  });
  const header = ws.getRow(1);
  columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.headers[0]!;
    cell.numFmt = '@';
    cell.font = { bold: col.required };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: col.required ? 'FFFCE4A8' : 'FFE7E6E6' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF7F7F7F' } } };
    if (col.required) cell.note = MSG.required[lang];
  });
  header.height = 30;

  const validations = (ws as unknown as SheetValidations).dataValidations;
  columns.forEach((col, i) => {
    const v = validationFor(kind, col.key, aspectKeys, lang);
    if (v) {
      const letter = columnLetter(i);
      validations.add(`${letter}2:${letter}${TEMPLATE_LAST_ROW}`, v);
    }
  });

  addGuide(wb, kind, columns, aspectKeys, lang);
  return wb;
}

const GUIDE = {
  title: { id: 'Petunjuk pengisian', en: 'How to fill in' },
  intro: {
    id: `Isi data mulai baris 2 pada lembar "{sheet}", satu baris per {row}. Judul kolom boleh diubah huruf besar/kecilnya, tetapi jangan diganti. Kolom berwarna kuning dan bercetak tebal wajib diisi. Baris judul tambahan di atas judul kolom diperbolehkan.`,
    en: `Enter data from row 2 of the sheet "{sheet}", one row per {row}. Header case may change but keep the wording. Yellow bold columns are required. Title rows above the header row are allowed.`,
  },
  head: {
    id: ['Kolom', 'Wajib', 'Keterangan', 'Contoh', 'Judul lain yang dikenali'],
    en: ['Column', 'Required', 'Description', 'Example', 'Other accepted headers'],
  },
  yes: { id: 'Ya', en: 'Yes' },
  no: { id: 'Tidak', en: 'No' },
  notes: {
    id: [
      'Angka boleh ditulis dengan notasi Indonesia: 88,67 · 1.234,5 · 95%.',
      'Tanggal: tanggal Excel, YYYY-MM-DD atau DD/MM/YYYY.',
      'NIP selalu sebagai teks 18 digit: NIP yang tersimpan sebagai angka sudah kehilangan digit (Excel hanya menyimpan 15) dan akan ditolak.',
      'Setiap nilai yang ditolak dilaporkan dengan letak selnya; tidak ada yang diubah diam-diam.',
    ],
    en: [
      'Numbers may use Indonesian notation: 88,67 · 1.234,5 · 95%.',
      'Dates: Excel dates, YYYY-MM-DD or DD/MM/YYYY.',
      'A NIP is always 18-digit text: a NIP stored as a number has lost digits (Excel keeps 15) and is rejected.',
      'Every rejected value is reported with its cell; nothing is changed silently.',
    ],
  },
} as const;

const ROW_NOUN: Record<InputKind, Text> = {
  pegawai: { id: 'pegawai (atau per penugasan bila mutasi)', en: 'employee (or assignment, for transfers)' },
  indikator: { id: 'indikator per pegawai', en: 'indicator per employee' },
  perilaku: { id: 'penilaian (pegawai × penilai)', en: 'rating (employee × rater)' },
  unit: { id: 'unit kerja', en: 'work unit' },
  'umpan-balik': { id: 'responden', en: 'respondent' },
  'katalog-pelatihan': { id: 'program pelatihan', en: 'training programme' },
};

function addGuide(wb: ExcelJS.Workbook, kind: InputKind, columns: ColumnSpec[], aspectKeys: string[], lang: Lang): void {
  const ws = wb.addWorksheet(GUIDE_SHEET_NAME);
  ws.columns = [{ width: 28 }, { width: 9 }, { width: 80 }, { width: 26 }, { width: 44 }];
  const title = ws.addRow([`${GUIDE.title[lang]}: ${DATA_SHEET_NAMES[kind]}`]);
  title.font = { bold: true, size: 13 };
  const intro = GUIDE.intro[lang].replace('{sheet}', DATA_SHEET_NAMES[kind]).replace('{row}', ROW_NOUN[kind][lang]);
  ws.addRow([intro]);
  ws.mergeCells(2, 1, 2, 5);
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 45;
  ws.addRow([]);
  const head = ws.addRow([...GUIDE.head[lang]]);
  head.font = { bold: true };
  for (const col of columns) {
    const h = help(kind, col.key, aspectKeys);
    const row = ws.addRow([
      col.headers[0]!,
      col.required ? GUIDE.yes[lang] : GUIDE.no[lang],
      h.text[lang],
      h.example,
      col.headers.slice(1).join(' · '),
    ]);
    row.getCell(4).numFmt = '@';
    row.alignment = { wrapText: true, vertical: 'top' };
    if (col.required) row.getCell(1).font = { bold: true };
  }
  ws.addRow([]);
  for (const note of GUIDE.notes[lang]) {
    const r = ws.addRow([note]);
    ws.mergeCells(r.number, 1, r.number, 5);
  }
}

export { stableZip };

/** Writes a blank input template for `kind` to `path` (SPEC §1, §7 `appraise template`). */
export async function writeTemplate(kind: InputKind, path: string, lang: Lang, options: TemplateOptions = {}): Promise<void> {
  const wb = buildTemplate(kind, lang, options);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFile(path, stableZip(buf));
}
