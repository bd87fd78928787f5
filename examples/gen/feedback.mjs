/**
 * Citizen-feedback files (Survei Kepuasan Masyarakat) and the unit file for examples/sinabang,
 * 2025-Q1 and 2025-Q2. Called by examples/generate-sinabang.mjs with its roster and writers;
 * deterministic (one seeded stream per file).
 *
 * The story: at Dinas Kependudukan dan Pencatatan Sipil, birth certificates (AKTA-LAHIR) take far
 * too long. Citizens answer U3 Waktu Penyelesaian with 1 or 2 and complain about the wait, so the
 * AKTA-LAHIR service has a low IKM and the staff who serve AKTA-LAHIR see it in their
 * kepuasan-masyarakat aspect. At the RSUD the registration officer is named by more than 30
 * respondents, so their own IKM is used.
 *
 * Files per quarter, in the formats counters really send:
 *   loket-dukcapil-<MM>-<month1>.csv   UTF-8, ',', U1..U9 headers, ISO dates
 *   loket-dukcapil-<MM>-<month2>.csv   Windows-1252, ';', DD/MM/YYYY dates (Excel, Indonesian locale)
 *   rsud-rawat-jalan.xlsx         two title rows, Excel dates
 *   kecamatan.xlsx                unsur names as headers (Persyaratan, Waktu Penyelesaian, …), no ID
 *   layanan-lain.csv              UTF-8 with BOM, tab-separated; Dinas Kesehatan and BKPSDM
 * plus data/<period>/unit.xlsx (Predikat Organisasi, NIP Pimpinan, Jumlah Penerima Layanan).
 */
import { join } from 'node:path';
import { ORG_PREDIKAT } from './curves.mjs';

const DUKCAPIL = 'Dinas Kependudukan dan Pencatatan Sipil';
const RSUD = 'Rumah Sakit Umum Daerah Simeulue';
const KEC_TIMUR = 'Kecamatan Simeulue Timur';
const KEC_BARAT = 'Kecamatan Teupah Barat';
const DINKES = 'Dinas Kesehatan';
const BKPSDM = 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia';
const SETDA = 'Sekretariat Daerah';

const UNSUR_NAMES = [
  'Persyaratan', 'Sistem, Mekanisme, dan Prosedur', 'Waktu Penyelesaian', 'Biaya/Tarif',
  'Produk Spesifikasi Jenis Pelayanan', 'Kompetensi Pelaksana', 'Perilaku Pelaksana',
  'Penanganan Pengaduan, Saran dan Masukan', 'Sarana dan Prasarana',
];
const U_HEADERS = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7', 'U8', 'U9'];
const TAIL = ['ID Responden', 'NIP Petugas', 'Pengaduan', 'Kategori Pengaduan'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Typical answer per unsur (U1..U9) of each service; answers scatter around it. */
const PROFILES = {
  'KTP-EL': [3.2, 3.1, 3.0, 4, 3.2, 3.3, 3.4, 3.0, 2.9],
  KK: [3.3, 3.2, 3.2, 4, 3.3, 3.3, 3.4, 3.1, 3.0],
  // Birth certificates: the wait (U3) is the problem, and the procedure (U2) is unclear.
  'AKTA-LAHIR': [3.0, 2.5, 1.45, 4, 3.0, 3.1, 3.2, 2.5, 2.9],
  'AKTA-KEMATIAN': [3.2, 3.0, 2.9, 4, 3.2, 3.2, 3.4, 3.0, 3.0],
  'RAWAT-JALAN': [3.3, 3.1, 2.6, 3.4, 3.3, 3.6, 3.5, 3.1, 3.2],
  'SURAT-KETERANGAN': [3.5, 3.4, 3.5, 4, 3.5, 3.4, 3.6, 3.2, 3.0],
  'REKOMENDASI-IZIN': [3.0, 2.9, 3.0, 3.8, 3.1, 3.2, 3.3, 2.9, 3.0],
  IMUNISASI: [3.6, 3.5, 3.5, 4, 3.6, 3.7, 3.8, 3.4, 3.3],
  'LAYANAN-KEPEGAWAIAN': [3.1, 3.0, 2.8, 4, 3.1, 3.2, 3.3, 2.9, 3.1],
};

const COMPLAINTS = {
  'AKTA-LAHIR': [
    ['Akta kelahiran anak saya baru selesai setelah tiga minggu, padahal dijanjikan 3 hari', 'Waktu Penyelesaian'],
    ['Sudah bolak-balik empat kali, akta kelahiran belum juga terbit', 'Waktu Penyelesaian'],
    ['Tidak ada kepastian kapan akta kelahiran selesai', 'Waktu Penyelesaian'],
    ['Syarat surat keterangan lahir dari desa tidak dijelaskan di awal', 'Persyaratan'],
  ],
  'KTP-EL': [['Blangko KTP-el habis, harus datang lagi', 'Sarana dan Prasarana']],
  KK: [['Antrean panjang di loket KK', 'Waktu Penyelesaian']],
  'RAWAT-JALAN': [
    ['Menunggu dokter poli lebih dari dua jam', 'Waktu Penyelesaian'],
    ['Ruang tunggu poliklinik sempit dan panas', 'Sarana dan Prasarana'],
  ],
  'REKOMENDASI-IZIN': [['Persyaratan rekomendasi izin usaha berubah-ubah', 'Persyaratan']],
  'LAYANAN-KEPEGAWAIAN': [['Berkas kenaikan pangkat lama diproses', 'Waktu Penyelesaian']],
};
/** Share of a service's respondents who write a complaint. */
const COMPLAINT_RATE = { 'AKTA-LAHIR': 0.45, 'RAWAT-JALAN': 0.12, default: 0.04 };

function iso(d) {
  return d.toISOString().slice(0, 10);
}

function answerNear(rng, mean) {
  const x = Math.round(rng.normal(mean, 0.55));
  return Math.min(4, Math.max(1, x));
}

/**
 * Responses for one service: `n` rows dated within [from, to], officers named from `officers` with
 * probability `officerRate`, IDs `${idPrefix}-0001`… when idPrefix is given.
 */
function responses(rng, { unit, service, n, from, to, officers = [], officerRate = 0, idPrefix = null, startId = 1 }) {
  const days = Math.round((to - from) / 86400000) + 1;
  const rows = [];
  for (let i = 0; i < n; i++) {
    const date = new Date(from.getTime() + rng.int(0, days - 1) * 86400000);
    const answers = PROFILES[service].map((m) => answerNear(rng, m));
    const officer = officers.length > 0 && rng.next() < officerRate ? rng.pick(officers) : null;
    const rate = COMPLAINT_RATE[service] ?? COMPLAINT_RATE.default;
    let complaint = null;
    let category = null;
    if (COMPLAINTS[service] && rng.next() < rate) {
      [complaint, category] = rng.pick(COMPLAINTS[service]);
      // A complaint about the wait comes with a low answer for the wait.
      if (category === 'Waktu Penyelesaian') answers[2] = Math.min(answers[2], rng.pick([1, 1, 2]));
    }
    rows.push({ date, unit, service, answers, id: idPrefix ? `${idPrefix}-${String(startId + i).padStart(4, '0')}` : null, officer, complaint, category });
  }
  return rows.sort((a, b) => a.date - b.date);
}

function csvLine(values, delimiter) {
  return values
    .map((v) => {
      if (v === null || v === undefined) return '';
      const s = String(v);
      return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(delimiter);
}

function rowValues(r, { dateAs = 'iso', withId = true, withUnit = true } = {}) {
  const date = r.date === null ? null : dateAs === 'iso' ? iso(r.date) : r.date;
  return [date, ...(withUnit ? [r.unit] : []), r.service, ...r.answers, ...(withId ? [r.id] : []), r.officer, r.complaint, r.category];
}

/** Quarter bounds and month names (Indonesian, for file names). */
const QUARTERS = {
  '2025-Q1': { months: ['jan', 'feb', 'mar'], start: Date.UTC(2025, 0, 1) },
  '2025-Q2': { months: ['apr', 'mei', 'jun'], start: Date.UTC(2025, 3, 1) },
};
const monthStart = (q, m) => new Date(Date.UTC(2025, new Date(QUARTERS[q].start).getUTCMonth() + m, 1));
const mm = (q, m) => String(new Date(QUARTERS[q].start).getUTCMonth() + m + 1).padStart(2, '0');
const monthEnd = (q, m) => new Date(Date.UTC(2025, new Date(QUARTERS[q].start).getUTCMonth() + m + 1, 0));

export async function writeFeedbackExamples({ dir, roster, rngFor, newWorkbook, addTable, saveWorkbook, writeText, encode1252 }) {
  const of = (unit, pred) => roster.filter((e) => e.unit === unit && pred(e));
  const serves = (unit, code) => of(unit, (e) => e.services.includes(code)).map((e) => e.nip);
  const planted = [];
  const place = (period, file, where, code, what) => planted.push({ period, file, where, code, what });

  for (const period of Object.keys(QUARTERS)) {
    const q = period.slice(-2);
    const fbDir = join(dir, 'data', period, 'umpan-balik');
    const rngOf = (name) => rngFor(`feedback:${period}:${name}`);
    const [m1, m2] = QUARTERS[period].months;
    const isQ1 = period === '2025-Q1';
    let dukcapilFirst = null;

    // --- Dukcapil, month 1: UTF-8, ','.
    {
      const rng = rngOf('dukcapil-1');
      const from = monthStart(period, 0);
      const to = monthEnd(period, 0);
      const id = `DKP${q}`;
      let rows = [
        ...responses(rng, { unit: DUKCAPIL, service: 'KTP-EL', n: 16, from, to, officers: serves(DUKCAPIL, 'KTP-EL'), officerRate: 0.3, idPrefix: `${id}A`, startId: 1 }),
        ...responses(rng, { unit: DUKCAPIL, service: 'KK', n: 12, from, to, officers: serves(DUKCAPIL, 'KK'), officerRate: 0.3, idPrefix: `${id}A`, startId: 101 }),
        ...responses(rng, { unit: DUKCAPIL, service: 'AKTA-LAHIR', n: 22, from, to, officers: serves(DUKCAPIL, 'AKTA-LAHIR'), officerRate: 0.35, idPrefix: `${id}A`, startId: 201 }),
        ...responses(rng, { unit: DUKCAPIL, service: 'AKTA-KEMATIAN', n: 6, from, to, idPrefix: `${id}A`, startId: 301 }),
      ].sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
      // Month numbers first, so that the files sort (and are read) in date order.
      const name = `loket-dukcapil-${mm(period, 0)}-${m1}.csv`;
      const file = `data/${period}/umpan-balik/${name}`;
      const header = ['Tanggal', 'Unit Kerja', 'Layanan', ...U_HEADERS, ...TAIL];
      const col = (h) => LETTERS[header.indexOf(h)];
      const lines = rows.map((r) => rowValues(r));
      if (isQ1) {
        // A respondent skipped U8 (allowed: not counted for U8).
        lines[3][header.indexOf('U8')] = null;
        place(period, name, `${file}:5:${col('U8')}`, '—', 'U8 kosong: boleh, tidak dihitung untuk U8 / blank U8: allowed, not counted for U8');
        // Answer 5 on a 1–4 scale.
        lines[8][header.indexOf('U5')] = 5;
        place(period, name, `${file}:10:${col('U5')}`, 'ANSWER_OUT_OF_RANGE', 'U5 = 5 (skala 1–4); baris ditolak / row rejected');
        // A survey from the last days of 2024 kept in this month's file.
        lines.push([ '2024-12-30', DUKCAPIL, 'KK', 3, 3, 3, 4, 3, 3, 4, 3, 3, `${id}A-0999`, null, null, null ]);
        place(period, name, `${file}:${lines.length + 1}:${col('Tanggal')}`, 'FEEDBACK_OUTSIDE_PERIOD', 'Tanggal 2024-12-30 di luar periode; tidak dihitung / outside the period; not counted');
      }
      writeText(join(fbDir, name), `${[header, ...lines].map((l) => csvLine(l, ',')).join('\n')}\n`);
      dukcapilFirst = { file, rows: lines, header };
    }

    // --- Dukcapil, months 2–3: Windows-1252, ';', DD/MM/YYYY.
    {
      const rng = rngOf('dukcapil-2');
      const from = monthStart(period, 1);
      const to = monthEnd(period, 2);
      const id = `DKP${q}`;
      const rows = [
        ...responses(rng, { unit: DUKCAPIL, service: 'KTP-EL', n: 18, from, to, officers: serves(DUKCAPIL, 'KTP-EL'), officerRate: 0.3, idPrefix: `${id}B`, startId: 1 }),
        ...responses(rng, { unit: DUKCAPIL, service: 'KK', n: 14, from, to, officers: serves(DUKCAPIL, 'KK'), officerRate: 0.3, idPrefix: `${id}B`, startId: 101 }),
        ...responses(rng, { unit: DUKCAPIL, service: 'AKTA-LAHIR', n: 26, from, to, officers: serves(DUKCAPIL, 'AKTA-LAHIR'), officerRate: 0.35, idPrefix: `${id}B`, startId: 201 }),
        ...responses(rng, { unit: DUKCAPIL, service: 'AKTA-KEMATIAN', n: 7, from, to, idPrefix: `${id}B`, startId: 301 }),
      ].sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
      const name = `loket-dukcapil-${mm(period, 1)}-${m2}.csv`;
      const file = `data/${period}/umpan-balik/${name}`;
      const header = ['Tanggal', 'Unit Kerja', 'Layanan', ...U_HEADERS, ...TAIL];
      const col = (h) => LETTERS[header.indexOf(h)];
      const lines = rows.map((r) => rowValues(r, { dateAs: 'date' }));
      // A complaint typed with Word's curly apostrophe (exists in Windows-1252).
      const akta = lines.findIndex((l) => l[2] === 'AKTA-LAHIR' && l[14] !== null);
      lines[akta][14] = 'Akta kelahiran anak kami belum selesai, kata petugas “sistem sedang gangguan” – sudah 2 minggu';
      if (isQ1) {
        lines[5][0] = null;
        place(period, name, `${file}:7:${col('Tanggal')}`, 'REQUIRED_MISSING', 'Tanggal kosong; baris ditolak / date missing; row rejected');
        // The month-1 file's 4th AKTA-LAHIR respondent entered again at this counter (same ID).
        // (Not the row planted with U5 = 5 above, which is rejected and so never counted.)
        const again = dukcapilFirst.rows.filter((l, i) => l[2] === 'AKTA-LAHIR' && i !== 8)[3];
        const copy = [new Date(Date.UTC(2025, 1, 20)), ...again.slice(1)];
        lines.splice(20, 0, copy);
        const firstLine = dukcapilFirst.rows.indexOf(again) + 2;
        place(period, name, `${file}:22:${col('ID Responden')}`, 'FEEDBACK_DUPLICATE', `ID Responden ${again[12]} sudah ada di ${dukcapilFirst.file}:${firstLine}; dihitung sekali / already counted, counted once`);
      }
      writeText(join(fbDir, name), encode1252([header, ...lines]));
    }

    // --- RSUD rawat jalan: xlsx with two title rows; the registration officer is named often.
    {
      const rng = rngOf('rsud');
      const from = monthStart(period, 0);
      const to = monthEnd(period, 2);
      const fo = of(RSUD, (e) => e.position === 'Petugas Pendaftaran Pasien').map((e) => e.nip);
      const others = serves(RSUD, 'RAWAT-JALAN').filter((n) => !fo.includes(n));
      const named = responses(rng, { unit: RSUD, service: 'RAWAT-JALAN', n: 34, from, to, officers: fo, officerRate: 1, idPrefix: `RSU${q}`, startId: 1 });
      const rest = responses(rng, { unit: RSUD, service: 'RAWAT-JALAN', n: 30, from, to, officers: others, officerRate: 0.2, idPrefix: `RSU${q}`, startId: 101 });
      const rows = [...named, ...rest].sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
      const header = ['Tanggal', 'Unit Kerja', 'Layanan', ...U_HEADERS, ...TAIL];
      const wb = newWorkbook();
      addTable(wb, 'Survei', {
        titles: ['REKAP SURVEI KEPUASAN MASYARAKAT — POLIKLINIK RAWAT JALAN', `RSUD Simeulue, Triwulan ${isQ1 ? 'I' : 'II'} 2025`],
        headers: header,
        rows: rows.map((r) => rowValues(r, { dateAs: 'date' })),
        widths: [12, 32, 14, 5, 5, 5, 5, 5, 5, 5, 5, 5, 14, 21, 50, 22],
        textColumns: [13],
        dateColumns: [0],
      });
      await saveWorkbook(wb, join(fbDir, 'rsud-rawat-jalan.xlsx'));
    }

    // --- Kecamatan: unsur names as headers, Excel dates, no ID column.
    {
      const rng = rngOf('kecamatan');
      const from = monthStart(period, 0);
      const to = monthEnd(period, 2);
      const rows = [
        ...responses(rng, { unit: KEC_TIMUR, service: 'SURAT-KETERANGAN', n: 20, from, to, officers: serves(KEC_TIMUR, 'SURAT-KETERANGAN'), officerRate: 0.3 }),
        ...responses(rng, { unit: KEC_TIMUR, service: 'REKOMENDASI-IZIN', n: 9, from, to, officers: serves(KEC_TIMUR, 'REKOMENDASI-IZIN'), officerRate: 0.3 }),
        ...responses(rng, { unit: KEC_BARAT, service: 'SURAT-KETERANGAN', n: 18, from, to, officers: serves(KEC_BARAT, 'SURAT-KETERANGAN'), officerRate: 0.3 }),
        ...responses(rng, { unit: KEC_BARAT, service: 'REKOMENDASI-IZIN', n: 8, from, to }),
      ].sort((a, b) => a.date - b.date || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
      const header = ['Tanggal', 'Unit Kerja', 'Layanan', ...UNSUR_NAMES, 'NIP Petugas', 'Pengaduan', 'Kategori Pengaduan'];
      const values = rows.map((r) => rowValues(r, { dateAs: 'date', withId: false }));
      const col = (h) => LETTERS[header.indexOf(h)];
      const name = 'kecamatan.xlsx';
      const file = `data/${period}/umpan-balik/${name}`;
      if (isQ1) {
        // The same paper form typed in twice (no ID): the identical row counts once.
        values.splice(12, 0, [...values[11]]);
        place(period, name, `${file}!Survei!${col('Tanggal')}14`, 'FEEDBACK_DUPLICATE', 'baris sama persis dengan baris 13; dihitung sekali / identical to row 13; counted once');
        // A form with neither unit nor service filled in.
        values.splice(30, 0, [new Date(Date.UTC(2025, 1, 11)), null, null, 3, 3, 3, 4, 3, 3, 3, 3, 3, null, null, null]);
        place(period, name, `${file}!Survei!${col('Unit Kerja')}32`, 'FEEDBACK_NO_UNIT_OR_SERVICE', 'Unit Kerja dan Layanan kosong; baris ditolak / unit and service empty; row rejected');
      }
      const wb = newWorkbook();
      addTable(wb, 'Survei', {
        headers: header,
        rows: values,
        widths: [12, 28, 20, 12, 14, 12, 10, 14, 12, 12, 16, 12, 21, 44, 22],
        textColumns: [12],
        dateColumns: [0],
      });
      await saveWorkbook(wb, join(fbDir, name));
    }

    // --- Dinas Kesehatan (imunisasi) and BKPSDM: UTF-8 with BOM, tab-separated.
    {
      const rng = rngOf('lain');
      const from = monthStart(period, 0);
      const to = monthEnd(period, 2);
      const rows = [
        ...responses(rng, { unit: DINKES, service: 'IMUNISASI', n: 14, from, to, officers: serves(DINKES, 'IMUNISASI'), officerRate: 0.3, idPrefix: `DKS${q}` }),
        ...responses(rng, { unit: BKPSDM, service: 'LAYANAN-KEPEGAWAIAN', n: 12, from, to, officers: serves(BKPSDM, 'LAYANAN-KEPEGAWAIAN'), officerRate: 0.3, idPrefix: `BKP${q}` }),
        // Posyandu forms name the service only: they count for IMUNISASI without a unit.
        ...responses(rng, { unit: null, service: 'IMUNISASI', n: 4, from, to, idPrefix: `PSY${q}` }),
      ].sort((a, b) => a.date - b.date || (a.id < b.id ? -1 : 1));
      const header = ['Tanggal', 'Unit Kerja', 'Layanan', ...U_HEADERS, ...TAIL];
      const lines = rows.map((r) => rowValues(r));
      writeText(join(fbDir, 'layanan-lain.csv'), `\ufeff${[header, ...lines].map((l) => csvLine(l, '\t')).join('\r\n')}\r\n`);
    }

    // --- Unit file: organisational predikat, leader and citizens served in the quarter.
    {
      const head = (unit) => roster.find((e) => e.unit === unit && (e.supervisorNip === '' || !roster.some((s) => s.unit === unit && s.nip === e.supervisorNip))).nip;
      // Organisational predikat: examples/gen/curves.mjs (the staff's ratings are chosen against it).
      const units = [
        [SETDA, null],
        [DUKCAPIL, isQ1 ? 1450 : 1380],
        [DINKES, isQ1 ? 420 : 460],
        [RSUD, isQ1 ? 2600 : 2750],
        [KEC_TIMUR, isQ1 ? 35 : 33],
        [KEC_BARAT, isQ1 ? 28 : 26],
        [BKPSDM, isQ1 ? 60 : 55],
      ].map(([u, n]) => [u, ORG_PREDIKAT[u], n]);
      const wb = newWorkbook();
      addTable(wb, 'Unit', {
        headers: ['Unit Kerja', 'Predikat Organisasi', 'NIP Pimpinan', 'Jumlah Penerima Layanan'],
        rows: units.map(([u, p, n]) => [u, p, head(u), n]),
        widths: [52, 20, 21, 24],
        textColumns: [2],
      });
      await saveWorkbook(wb, join(dir, 'data', period, 'unit.xlsx'));
    }
  }

  const readme = [
    '',
    '## Umpan balik masyarakat / citizen feedback',
    '',
    '`data/<periode>/umpan-balik/` (2025-Q1 dan 2025-Q2): `loket-dukcapil-01-jan.csv` (UTF-8, `,`), `loket-dukcapil-02-feb.csv`',
    '(Windows-1252, `;`, tanggal DD/MM/YYYY), `rsud-rawat-jalan.xlsx` (dua baris judul), `kecamatan.xlsx` (judul kolom',
    'berupa nama unsur, tanpa ID Responden), `layanan-lain.csv` (UTF-8 BOM, tab). `data/<periode>/unit.xlsx` memuat',
    'Predikat Organisasi, NIP Pimpinan dan Jumlah Penerima Layanan (untuk kecukupan sampel).',
    '',
    'Layanan akta kelahiran (AKTA-LAHIR) di Dinas Kependudukan dan Pencatatan Sipil lambat: U3 Waktu Penyelesaian rendah',
    'dan banyak pengaduan "Waktu Penyelesaian"; pegawai yang melayani AKTA-LAHIR melihatnya di aspek kepuasan masyarakat.',
    'Petugas pendaftaran RSUD disebut oleh lebih dari 30 responden, sehingga IKM petugasnya sendiri yang dipakai. /',
    'Birth certificates are slow: low U3 and many complaints reach the AKTA-LAHIR staff; the RSUD registration officer',
    'is named by more than 30 respondents, so their own IKM is used.',
    '',
    'Baris yang sengaja dibuat salah atau ganda (2025-Q1) / planted rows:',
    '',
    '| tempat / place | kode / code | apa / what |',
    '|---|---|---|',
    ...planted.map((p) => `| \`${p.where}\` | ${p.code} | ${p.what} |`),
    '',
    'Coba / try: `appraise feedback --period 2025-Q1`.',
    '',
  ].join('\n');
  return { planted, readme };
}
