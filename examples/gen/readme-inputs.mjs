/**
 * The part of examples/sinabang/README.md that documents the appraisal inputs: the behaviour files
 * (360 raters, appraiser overrides, a weak value), the unit file, the units that break their
 * distribution curve, and the training catalogue.
 *
 * Truthful by construction where it can be: every count, NIP and number below is read back from the
 * files the generator has just written (perilaku.xlsx, unit.xlsx) or taken from the catalogue's own
 * program lists. The curve results are what `appraise run` reports; they are data here (CURVES) and
 * test/unit/sinabang-readme.test.ts checks them against the run, so they cannot drift silently.
 *
 * Called from examples/generate-sinabang.mjs after every file is written:
 * `await inputsReadme({ dir: SINABANG, roster })`.
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { GENERIC_PROGRAMS, SINABANG_PROGRAMS } from './training.mjs';

const PERIODS = ['2025-Q1', '2025-Q2'];
const BAWAH = 'Di Bawah Ekspektasi';
const PERILAKU_VALUES = ['Berorientasi Pelayanan', 'Akuntabel', 'Kompeten', 'Harmonis', 'Loyal', 'Adaptif', 'Kolaboratif'];

/**
 * The distribution per unit as `appraise run` reports it (units[].curve: counts of the members, the
 * leader left out; pending members; the rules broken, [] = fits). Data, checked against real runs
 * by test/unit/sinabang-readme.test.ts. Who is cast how: examples/gen/curves.mjs.
 */
export const CURVES = {
  '2025-Q1': {
    'Sekretariat Daerah': { counts: { SANGAT_BAIK: 1, BAIK: 1 }, pending: 0, broken: [] },
    'Dinas Kependudukan dan Pencatatan Sipil': { counts: { BAIK: 12 }, pending: 0, broken: ['BAIK_MAX_70_BAIK', 'BAIK_MIN_1_BUTUH_PERBAIKAN_OR_KURANG'] },
    'Dinas Kesehatan': { counts: { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 2 }, pending: 0, broken: [] },
    'Rumah Sakit Umum Daerah Simeulue': { counts: { SANGAT_BAIK: 2, BAIK: 9, BUTUH_PERBAIKAN: 1, KURANG: 1 }, pending: 0, broken: [] },
    'Kecamatan Simeulue Timur': { counts: { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 1 }, pending: 0, broken: [] },
    'Kecamatan Teupah Barat': { counts: { BAIK: 3, BUTUH_PERBAIKAN: 6 }, pending: 0, broken: [] },
    'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia': { counts: { SANGAT_BAIK: 2, BAIK: 9 }, pending: 0, broken: [] },
  },
  '2025-Q2': {
    'Sekretariat Daerah': { counts: { SANGAT_BAIK: 1, BAIK: 1 }, pending: 0, broken: [] },
    'Dinas Kependudukan dan Pencatatan Sipil': { counts: { SANGAT_BAIK: 2, BAIK: 8, BUTUH_PERBAIKAN: 1, KURANG: 1 }, pending: 0, broken: [] },
    'Dinas Kesehatan': { counts: { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 2 }, pending: 0, broken: [] },
    'Rumah Sakit Umum Daerah Simeulue': { counts: { SANGAT_BAIK: 2, BAIK: 9, BUTUH_PERBAIKAN: 1 }, pending: 1, broken: [] },
    'Kecamatan Simeulue Timur': { counts: { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 1 }, pending: 0, broken: [] },
    'Kecamatan Teupah Barat': { counts: { SANGAT_BAIK: 1, BAIK: 2, BUTUH_PERBAIKAN: 6 }, pending: 0, broken: ['BUTUH_PERBAIKAN_MAX_10_SANGAT_BAIK'] },
    'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia': { counts: { SANGAT_BAIK: 2, BAIK: 8, BUTUH_PERBAIKAN: 1 }, pending: 0, broken: [] },
  },
  '2025-S1': {
    'Sekretariat Daerah': { counts: { SANGAT_BAIK: 1, BAIK: 1 }, pending: 0, broken: [] },
    'Dinas Kependudukan dan Pencatatan Sipil': { counts: { SANGAT_BAIK: 2, BAIK: 8, BUTUH_PERBAIKAN: 1, KURANG: 1 }, pending: 0, broken: [] },
    'Dinas Kesehatan': { counts: { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 2 }, pending: 0, broken: [] },
    'Rumah Sakit Umum Daerah Simeulue': { counts: { SANGAT_BAIK: 2, BAIK: 9, BUTUH_PERBAIKAN: 1 }, pending: 1, broken: [] },
    'Kecamatan Simeulue Timur': { counts: { SANGAT_BAIK: 2, BAIK: 7, BUTUH_PERBAIKAN: 1 }, pending: 0, broken: [] },
    'Kecamatan Teupah Barat': { counts: { SANGAT_BAIK: 1, BAIK: 2, BUTUH_PERBAIKAN: 6 }, pending: 0, broken: ['BUTUH_PERBAIKAN_MAX_10_SANGAT_BAIK'] },
    'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia': { counts: { SANGAT_BAIK: 1, BAIK: 9, BUTUH_PERBAIKAN: 1 }, pending: 0, broken: [] },
  },
};
const CURVE_PERIODS = Object.keys(CURVES);

const RULES = {
  BAIK_MAX_70_BAIK: 'Baik ≤ 70%',
  BAIK_MIN_1_BUTUH_PERBAIKAN_OR_KURANG: '≥ 1 Butuh Perbaikan/Kurang',
  BUTUH_PERBAIKAN_MIN_60_BUTUH_PERBAIKAN: 'Butuh Perbaikan ≥ 60%',
  BUTUH_PERBAIKAN_MAX_10_SANGAT_BAIK: 'Sangat Baik ≤ 10%',
  ISTIMEWA_MAX_70_SANGAT_BAIK: 'Sangat Baik ≤ 70%',
};
const SHORT = { SANGAT_BAIK: 'SB', BAIK: 'B', BUTUH_PERBAIKAN: 'BP', KURANG: 'K', SANGAT_KURANG: 'SK' };

async function sheetRows(path) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0];
  const width = ws.getRow(1).cellCount;
  const rows = [];
  // Cell by cell: row.values is sparse (blank cells are holes, trailing blanks absent).
  ws.eachRow((row, i) => {
    if (i > 1) rows.push(Array.from({ length: width }, (_, c) => row.getCell(c + 1).value ?? null));
  });
  return { sheet: ws.name, rows };
}

function curveCell({ counts, pending, broken }) {
  const people = [...Object.entries(counts).map(([p, n]) => `${SHORT[p]} ${n}`), ...(pending ? [`tertunda / pending ${pending}`] : [])].join(' · ');
  const verdict = broken.length === 0 ? 'sesuai / fits' : `**melanggar / breaks**: ${broken.map((r) => `${RULES[r]} (\`${r}\`)`).join('; ')}`;
  return `${people} — ${verdict}`;
}

export async function inputsReadme({ dir, roster }) {
  const byNip = new Map(roster.map((e) => [e.nip, e]));
  const who = (nip) => `${nip} ${byNip.get(nip).name} (${byNip.get(nip).unit})`;
  const perilaku = {};
  const units = {};
  for (const p of PERIODS) {
    perilaku[p] = await sheetRows(join(dir, 'data', p, 'perilaku.xlsx'));
    units[p] = await sheetRows(join(dir, 'data', p, 'unit.xlsx'));
  }

  const lines = ['', '## Perilaku / behaviour ratings', ''];
  lines.push(
    '`data/2025-Q1/perilaku.xlsx` dan `data/2025-Q2/perilaku.xlsx` (sheet Perilaku): satu baris per pegawai × penilai;',
    'kolom NIP, NIP Penilai, Peran Penilai, tujuh nilai BerAKHLAK, Rating Hasil Kerja, Catatan. / one row per employee ×',
    'rater; columns NIP, rater NIP, rater role, the seven BerAKHLAK values, Rating Hasil Kerja, note.',
    '',
    '| | 2025-Q1 | 2025-Q2 |',
    '|---|---|---|',
  );
  const stat = (p) => {
    const rows = perilaku[p].rows;
    const role = (r) => rows.filter((x) => x[2] === r).length;
    const values = rows.flatMap((x) => x.slice(3, 10));
    return {
      rows: rows.length,
      atasan: role('atasan'),
      rekan: role('rekan'),
      bawahan: role('bawahan'),
      rated360: new Set(rows.filter((x) => x[2] !== 'atasan').map((x) => x[0])).size,
      blankRater: rows.filter((x) => x[2] === 'atasan' && x[1] === null).length,
      short: values.filter((v) => typeof v === 'string' && /^(atas|sesuai|bawah)$/.test(v)).length,
      numbers: values.filter((v) => typeof v === 'number').length,
      values: values.length,
    };
  };
  const s = Object.fromEntries(PERIODS.map((p) => [p, stat(p)]));
  const row = (label, f) => lines.push(`| ${label} | ${PERIODS.map((p) => f(s[p])).join(' | ')} |`);
  row('baris / rows', (x) => x.rows);
  row('atasan (satu per pegawai / one per employee)', (x) => x.atasan);
  row('rekan / peers', (x) => x.rekan);
  row('bawahan / subordinates', (x) => x.bawahan);
  row('pegawai dengan penilai 360 / employees with 360 raters', (x) => x.rated360);
  row('atasan tanpa NIP Penilai / supervisor rows without a rater NIP', (x) => x.blankRater);
  row('nilai ditulis `atas`/`sesuai`/`bawah` / values typed short', (x) => `${x.short} dari / of ${x.values}`);
  row('nilai ditulis 3/2/1 / values typed as numbers', (x) => x.numbers);
  lines.push(
    '',
    '- Setiap pegawai dinilai atasannya (NIP Atasan di daftar pegawai); Sekretaris Daerah dinilai Bupati, yang tidak ada di',
    '  daftar pegawai, sehingga NIP Penilai kosong. / Every employee is rated by the supervisor of the roster; the Sekda by',
    '  the Bupati, who is not in the roster, so the rater NIP is blank.',
    '- Penilai 360 (rekan dengan atasan yang sama, dan satu bawahan bagi atasan) untuk sekitar separuh pegawai Dinas',
    '  Kependudukan dan Pencatatan Sipil dan BKPSDM. Dengan `behaviour.raterWeights` bawaan (atasan 100, lainnya 0) baris',
    '  itu dibaca dan divalidasi tetapi tidak berbobot; ubah mis. ke atasan 60, rekan 20, bawahan 20 untuk memakainya. /',
    '  360 raters (peers under the same supervisor, one subordinate for supervisors) for about half of the Dukcapil and',
    '  BKPSDM staff. With the default weights (atasan 100, others 0) they are read and validated but weigh nothing; set',
    '  e.g. atasan 60, rekan 20, bawahan 20 to use them.',
    '',
    'Rating Hasil Kerja dari pejabat penilai (menggantikan saran dari nilai hasil kerja; keduanya ditampilkan) / the',
    'appraiser\'s Rating Hasil Kerja (overrides the suggestion from the work score; both are shown):',
    '',
    '| periode / period | pegawai / employee | Rating Hasil Kerja | Catatan |',
    '|---|---|---|---|',
  );
  for (const p of PERIODS) {
    for (const x of perilaku[p].rows.filter((r) => r[2] === 'atasan' && r[10] !== null)) lines.push(`| ${p} | ${who(x[0])} | ${x[10]} | ${x[11] ?? ''} |`);
  }
  lines.push(
    '',
    'Di Dinas Kependudukan dan Pencatatan Sipil semua pegawai dinilai Sesuai Ekspektasi pada 2025-Q1, juga dua pegawai yang',
    'nilainya menyarankan Di Atas; lihat kurva di bawah. / In 2025-Q1 Dukcapil\'s appraisers rated everyone Sesuai, also the',
    'two whose scores suggest Di Atas; see the curves below. `--period 2025-S1` tidak memakai rating ini (rating',
    'sub-periode menilai sub-periodenya) / a 2025-S1 run does not carry them (they rate their own quarter).',
    '',
    'Satu nilai Di Bawah Ekspektasi per triwulan (perilaku Di Bawah → predikat Kurang/Misconduct), dengan catatan atasan /',
    'one value Di Bawah Ekspektasi per quarter (behaviour Di Bawah → predikat Kurang/Misconduct), with the supervisor\'s note:',
  );
  for (const p of PERIODS) {
    for (const x of perilaku[p].rows.filter((r) => r.slice(3, 10).includes(BAWAH))) {
      const value = PERILAKU_VALUES[x.slice(3, 10).indexOf(BAWAH)];
      lines.push(`- ${p}: ${who(x[0])}: ${value} — ${x[11]}`);
    }
  }

  lines.push('', '## Unit / unit file', '');
  lines.push(
    '`data/<periode>/unit.xlsx` (sheet Unit): Predikat Organisasi, NIP Pimpinan (kepala unit di daftar pegawai; dinilai',
    'dari hasil organisasi dan tidak dihitung dalam kurva) dan Jumlah Penerima Layanan (untuk kecukupan sampel survei).',
    '`--period 2025-S1` menjumlahkan penerima layanan kedua triwulan. / Organisational predikat, the leader (the head of',
    'the unit in the roster: rated from the organisation\'s result, not counted in the curve) and the people served (for',
    'the survey sample). A 2025-S1 run sums both quarters\' people served.',
    '',
    '| Unit Kerja | Predikat Organisasi | NIP Pimpinan | Penerima Layanan 2025-Q1 | 2025-Q2 | 2025-S1 |',
    '|---|---|---|---|---|---|',
  );
  const q2 = new Map(units['2025-Q2'].rows.map((r) => [r[0], r]));
  for (const r of units['2025-Q1'].rows) {
    const other = q2.get(r[0]);
    const n1 = r[3];
    const n2 = other?.[3] ?? null;
    const sum = n1 !== null && n2 !== null ? n1 + n2 : null;
    const org = other && other[1] !== r[1] ? `${r[1]} / ${other[1]}` : r[1];
    lines.push(`| ${r[0]} | ${org} | ${r[2]} (${byNip.get(r[2])?.name ?? '?'}) | ${n1 ?? '—'} | ${n2 ?? '—'} | ${sum ?? '—'} |`);
  }
  lines.push(
    '',
    'Sekretariat Daerah tidak punya Jumlah Penerima Layanan (tidak ada survei), jadi kecukupan sampelnya tidak dinilai. /',
    'Sekretariat Daerah has no people served (no survey), so its sample is not judged.',
  );

  lines.push('', '## Kurva distribusi / units breaking their curve', '');
  lines.push(
    'Hasil `appraise run` per unit (SPEC §3.6; pembulatan: minimal ceil, maksimal floor): jumlah pegawai per predikat',
    '(tanpa pimpinan unit) dan aturan yang dilanggar. appraise tidak mengubah predikat: sheet Unit dan `units[].curve` di JSON',
    'menyebut pegawai yang perlu ditinjau. / What `appraise run` reports per unit (minimums rounded up, maximums down): the',
    'members per predikat (the leader left out) and the rules broken. appraise changes no predikat: the Unit sheet and',
    '`units[].curve` name whom to review. SB Sangat Baik, B Baik, BP Butuh Perbaikan, K Kurang/Misconduct.',
    '',
    `| Unit Kerja | ${CURVE_PERIODS.join(' | ')} |`,
    `|---|${CURVE_PERIODS.map(() => '---').join('|')}|`,
  );
  for (const unit of Object.keys(CURVES['2025-Q1'])) {
    lines.push(`| ${unit} | ${CURVE_PERIODS.map((p) => curveCell(CURVES[p][unit])).join(' | ')} |`);
  }
  lines.push(
    '',
    'Yang sengaja melanggar / broken on purpose:',
    '',
    '- 2025-Q1, Dinas Kependudukan dan Pencatatan Sipil (Baik): semua pegawai dinilai sama (hasil kerja Sesuai, perilaku',
    '  Sesuai), sehingga 12 dari 12 Baik (maks 8) dan tidak seorang pun Butuh Perbaikan atau Kurang. / everyone was rated',
    '  alike: 12 of 12 Baik (at most 8 allowed) and nobody Butuh Perbaikan or Kurang.',
    '- 2025-Q2, Kecamatan Teupah Barat (Butuh Perbaikan): enam dari sembilan pegawai tidak mencapai target (Butuh',
    '  Perbaikan, sesuai kurva), tetapi pegawai terbaiknya mendapat perilaku Di Atas dari atasannya, sehingga ia Sangat',
    '  Baik; 10% dari 9 pegawai = 0 orang. / six of nine staff missed their targets (Butuh Perbaikan, as the curve asks),',
    '  but the best officer\'s supervisor rated his behaviour Di Atas, so he is Sangat Baik: 10% of 9 allows nobody.',
    '',
    'Unit lain memenuhi kurvanya: unit Baik dengan sebagian Sangat Baik, paling banyak 70% Baik dan sedikitnya satu Butuh',
    'Perbaikan atau Kurang; unit Istimewa (BKPSDM, Sekretariat Daerah) dengan Sangat Baik paling banyak 70%. Pada 2025-Q2',
    'Dinas Kependudukan dan Pencatatan Sipil memenuhi kurvanya. RSUD punya satu pegawai tertunda di 2025-Q2 (Realisasi',
    'kosong), jadi kurvanya belum final. `--period 2025-S1` memakai nilai gabungan kedua triwulan dan perilaku 2025-Q2. /',
    'The other units fit: Baik units with some Sangat Baik, at most 70% Baik and at least one Butuh Perbaikan or Kurang;',
    'Istimewa units with at most 70% Sangat Baik. Dukcapil fits in 2025-Q2. The RSUD has one pending member in 2025-Q2 (a',
    'blank Realisasi), so its curve is not final. 2025-S1 combines both quarters\' scores with the 2025-Q2 behaviour.',
  );

  const programs = [...GENERIC_PROGRAMS, ...SINABANG_PROGRAMS];
  lines.push('', '## Katalog pelatihan / training catalogue', '');
  lines.push(
    `\`data/katalog-pelatihan.xlsx\` (sheet Katalog Pelatihan): ${programs.length} program. ${GENERIC_PROGRAMS.length} program umum`,
    `(juga di \`templates/katalog-pelatihan.xlsx\`) dan ${SINABANG_PROGRAMS.length} program untuk indikator Sinabang. Sasaran`,
    'menyebut celah yang dijawab program: `aspek:`, `perilaku:`, `unsur:`, `predikat:`, `indikator:`. / programs: generic',
    'ones (also in the template) and ones aimed at Sinabang\'s indicators; Sasaran names the gaps a program answers.',
    '',
    '| Kode | Program | Sasaran | JP | Moda | Penyelenggara |',
    '|---|---|---|---|---|---|',
    ...programs.map((p) => `| ${p.join(' | ')} |`),
    '',
    'Coba / try: `appraise training --period 2025-Q1`.',
    '',
  );
  return lines.join('\n');
}
