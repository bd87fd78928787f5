import type { Lang, Text } from '../../domain/i18n.js';
import type { RunResult } from '../../pipeline/types.js';
import { plainNumber, REGIME_BASIS } from '../common.js';
import { appraisalRules } from './metodologi-appraisal.js';
import type { CellData, SheetBlock, SheetBuilder, SheetContent } from './types.js';

/**
 * How the numbers came about: the regulation, the rules in words with the configured values
 * filled in, every config value and every input file with its SHA-256, so that a reader can
 * check the report against its inputs.
 */

const L = {
  item: { id: 'Uraian', en: 'Item' },
  value: { id: 'Nilai', en: 'Value' },
  regime: { id: 'Regime', en: 'Regime' },
  basis: { id: 'Dasar hukum', en: 'Legal basis' },
  ikmBasis: { id: 'Dasar hukum survei kepuasan', en: 'Legal basis of the satisfaction survey' },
  curveBasis: { id: 'Dasar hukum kurva distribusi', en: 'Legal basis of the distribution curve' },
  tool: { id: 'Versi alat', en: 'Tool version' },
  configFile: { id: 'Berkas konfigurasi', en: 'Config file' },
  configHash: { id: 'SHA-256 konfigurasi', en: 'Config SHA-256' },
  rules: { id: 'Aturan perhitungan', en: 'Scoring rules' },
  rule: { id: 'Aturan', en: 'Rule' },
  explanation: { id: 'Penjelasan', en: 'Explanation' },
  config: { id: 'Nilai konfigurasi', en: 'Configuration values' },
  key: { id: 'Kunci', en: 'Key' },
  inputs: { id: 'Berkas masukan', en: 'Input files' },
  file: { id: 'Berkas', en: 'File' },
  kind: { id: 'Jenis', en: 'Kind' },
  format: { id: 'Format', en: 'Format' },
  encoding: { id: 'Encoding', en: 'Encoding' },
  delimiter: { id: 'Pemisah', en: 'Delimiter' },
  sheet: { id: 'Sheet', en: 'Sheet' },
  headerRow: { id: 'Baris Judul', en: 'Header Row' },
  sha: { id: 'SHA-256', en: 'SHA-256' },
  read: { id: 'Dibaca', en: 'Read' },
  accepted: { id: 'Diterima', en: 'Accepted' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
} satisfies Record<string, Text>;

type Rule = [title: Text, text: Text];

/** The rules in words, with this run's configured values (SPEC §3). */
export function rulesInWords(run: RunResult, lang: Lang): [string, string][] {
  const c = run.config;
  const n = (x: number): string => plainNumber(x, lang);
  const cap = n(c.scoring.capaianCap);
  const weights = c.aspects.map((a) => `${a.label} ${n(a.weight)}`).join(', ');
  const missing: Record<typeof c.scoring.missing, Text> = {
    pending: {
      id: 'pegawai ditunda (tertunda) sampai realisasinya dilaporkan',
      en: 'the employee stays pending until the actual is reported',
    },
    zero: { id: 'indikator dihitung dengan capaian 0', en: 'the indicator counts with an achievement of 0' },
    exclude: { id: 'indikator dikeluarkan dari perhitungan', en: 'the indicator is left out of the calculation' },
  };
  const missingAspect: Record<typeof c.scoring.missingAspect, Text> = {
    renormalise: {
      id: 'bobot dinormalkan ulang atas aspek yang ada datanya, dan penjelasan menyebutkannya',
      en: 'the weights are renormalised over the aspects that have data, and the explanation says so',
    },
    zero: { id: 'aspek itu dihitung bernilai 0', en: 'that aspect counts as 0' },
    pending: { id: 'pegawai ditunda (tertunda)', en: 'the employee stays pending' },
  };
  const common: Rule[] = [
    [
      { id: 'Capaian, arah naik', en: 'Achievement, higher is better' },
      { id: 'capaian = realisasi / target × 100.', en: 'achievement = actual / target × 100.' },
    ],
    [
      { id: 'Capaian, arah turun', en: 'Achievement, lower is better' },
      {
        id: 'capaian = (2 − realisasi / target) × 100, tidak kurang dari 0.',
        en: 'achievement = (2 − actual / target) × 100, not below 0.',
      },
    ],
    [
      { id: 'Target rentang', en: 'Target range' },
      {
        id: 'Target berupa rentang (mis. 80–90): di atas rentang dibandingkan dengan batas atas, di bawah rentang dengan batas bawah, di dalam rentang capaian = 100.',
        en: 'A target range (e.g. 80–90): above the range the actual is compared with its upper end, below it with its lower end, inside it the achievement is 100.',
      },
    ],
    [
      { id: 'Target nol', en: 'Zero target' },
      {
        id: 'Target 0 dengan arah turun berarti "tidak boleh ada": realisasi 0 memberi 100, lebih dari 0 memberi 0. Target 0 atau negatif dengan arah naik adalah kesalahan data.',
        en: 'A zero target with lower-is-better means "none allowed": an actual of 0 gives 100, more gives 0. A zero or negative target with higher-is-better is a data error.',
      },
    ],
    [
      { id: 'Batas capaian', en: 'Achievement cap' },
      {
        id: `Capaian dibatasi paling tinggi ${cap} (scoring.capaianCap).`,
        en: `Achievement is capped at ${cap} (scoring.capaianCap).`,
      },
    ],
    [
      { id: 'Realisasi kosong', en: 'Missing actual' },
      {
        id: `Realisasi kosong bukan nol: indikator "tidak dilaporkan"; scoring.missing = ${c.scoring.missing}: ${missing[c.scoring.missing].id}.`,
        en: `A missing actual is not zero: the indicator is "not reported"; scoring.missing = ${c.scoring.missing}: ${missing[c.scoring.missing].en}.`,
      },
    ],
    [
      { id: 'Nilai aspek', en: 'Aspect score' },
      {
        id: 'Nilai aspek = rerata tertimbang (Bobot) capaian indikatornya.',
        en: 'Aspect score = weighted mean (by Bobot) of its indicators’ achievements.',
      },
    ],
    [
      { id: 'Kepuasan masyarakat', en: 'Citizen satisfaction' },
      {
        id: `Capaian = IKM / ${n(c.feedback.ikmTarget)} × 100, dibatasi ${cap}; IKM layanan yang dilayani pegawai (tertimbang responden), atau IKM unit bila tidak ada layanan, atau IKM petugas sendiri bila responden yang menyebut petugas ≥ ${c.feedback.minRespondentsOfficer}.`,
        en: `Achievement = IKM / ${n(c.feedback.ikmTarget)} × 100, capped at ${cap}; the IKM of the services the employee serves (respondent-weighted), or of the unit when no service is given, or the officer’s own IKM when at least ${c.feedback.minRespondentsOfficer} respondents named the officer.`,
      },
    ],
    [
      { id: 'Aspek tanpa data', en: 'Aspect without data' },
      {
        id: `scoring.missingAspect = ${c.scoring.missingAspect}: ${missingAspect[c.scoring.missingAspect].id}.`,
        en: `scoring.missingAspect = ${c.scoring.missingAspect}: ${missingAspect[c.scoring.missingAspect].en}.`,
      },
    ],
    [
      { id: 'Nilai hasil kerja', en: 'Work result score' },
      {
        id: `Nilai hasil kerja = rerata tertimbang nilai aspek; bobot (dinormalkan): ${weights}.`,
        en: `Work result score = weighted mean of the aspect scores; weights (normalised): ${weights}.`,
      },
    ],
  ];
  const byRegime: Record<RunResult['regime'], Rule[]> = {
    'permenpan-6-2022': [
      [
        { id: 'Rating hasil kerja', en: 'Work result rating' },
        {
          id: `Di Atas Ekspektasi bila nilai ≥ ${n(c.scoring.diAtasThreshold)} dan tidak ada indikator utama dengan capaian di bawah 100; Sesuai Ekspektasi bila nilai ≥ ${n(c.scoring.sesuaiThreshold)}; selain itu Di Bawah Ekspektasi. Rating dari penilai di berkas perilaku menggantikan saran; keduanya ditampilkan.`,
          en: `Above Expectations when the score is ≥ ${n(c.scoring.diAtasThreshold)} and no main indicator is below 100; Meets Expectations when ≥ ${n(c.scoring.sesuaiThreshold)}; otherwise Below Expectations. The appraiser’s rating in the behaviour file overrides the suggestion; both are shown.`,
        },
      ],
      [
        { id: 'Rating perilaku', en: 'Behaviour rating' },
        {
          id: 'Poin: Di Atas 3, Sesuai 2, Di Bawah 1; per nilai BerAKHLAK rerata tertimbang menurut peran penilai; ≥ 2,5 Di Atas, ≥ 1,5 Sesuai, selain itu Di Bawah. Keseluruhan: Di Bawah bila ada nilai Di Bawah; Di Atas bila sedikitnya 4 dari 7 nilai Di Atas; selain itu Sesuai. Tanpa data perilaku predikat tertunda.',
          en: 'Points: Above 3, Meets 2, Below 1; per BerAKHLAK value the mean weighted by rater role; ≥ 2.5 Above, ≥ 1.5 Meets, else Below. Overall: Below if any value is Below; Above if at least 4 of the 7 values are Above; else Meets. Without behaviour data the predikat stays pending.',
        },
      ],
      [
        { id: 'Predikat kinerja', en: 'Performance predikat' },
        {
          id: 'Matriks hasil kerja × perilaku kerja. Hasil Di Atas: perilaku Di Atas → Sangat Baik, Sesuai → Baik, Di Bawah → Kurang/Misconduct. Hasil Sesuai: Di Atas → Baik, Sesuai → Baik, Di Bawah → Kurang/Misconduct. Hasil Di Bawah: Di Atas → Butuh Perbaikan, Sesuai → Butuh Perbaikan, Di Bawah → Sangat Kurang.',
          en: 'Matrix of work result × behaviour. Result Above: behaviour Above → Very Good, Meets → Good, Below → Poor/Misconduct. Result Meets: Above → Good, Meets → Good, Below → Poor/Misconduct. Result Below: Above → Needs Improvement, Meets → Needs Improvement, Below → Very Poor.',
        },
      ],
    ],
    'pp-30-2019': [
      [
        { id: 'Nilai kinerja', en: 'Performance score' },
        {
          id: 'Nilai kinerja = 70% SKP + 30% perilaku (60/40 bila perilaku dinilai juga oleh rekan dan bawahan). Sangat Baik 110–120 dengan inovasi, Baik ≥ 90, Butuh Perbaikan (Cukup) ≥ 70, Kurang ≥ 50, selain itu Sangat Kurang.',
          en: 'Performance score = 70% SKP + 30% behaviour (60/40 when peers and subordinates rate behaviour). Very Good 110–120 with an innovation, Good ≥ 90, Needs Improvement ≥ 70, Poor ≥ 50, else Very Poor.',
        },
      ],
    ],
    'pp-46-2011': [
      [
        { id: 'Nilai prestasi kerja', en: 'Work performance score' },
        {
          id: 'Per kegiatan: kuantitas dan kualitas = R/T × 100; waktu dan biaya dengan efisiensi (rumus 1,76·T − R). Nilai SKP = rerata kegiatan + tugas tambahan + kreativitas. Nilai prestasi kerja = 60% SKP + 40% perilaku. Sebutan: ≥ 91 Sangat Baik, ≥ 76 Baik, ≥ 61 Cukup, ≥ 51 Kurang, selain itu Buruk.',
          en: 'Per activity: quantity and quality = R/T × 100; time and cost by efficiency (formula 1.76·T − R). SKP score = mean of the activities + additional duties + creativity. Work performance score = 60% SKP + 40% behaviour. Grade: ≥ 91 Very Good, ≥ 76 Good, ≥ 61 Fair, ≥ 51 Poor, else Bad.',
        },
      ],
    ],
  };
  const rounding: Rule = [
    { id: 'Pembulatan', en: 'Rounding' },
    {
      id: 'Setengah ke atas (half-up) ke 2 desimal, hanya untuk tampilan dan sebelum dibandingkan dengan batas kelas yang diterbitkan. Perhitungan memakai nilai tanpa pembulatan; nilai dirapikan ke 12 digit signifikan sebelum dibandingkan, sehingga nilai yang tepat di batas jatuh di sisi yang benar.',
      en: 'Half-up to 2 decimals, only for display and before classifying against a published band. Computation uses unrounded values, snapped to 12 significant digits before comparing, so that a value exactly on a boundary lands on the right side.',
    },
  ];
  const local = (rules: Rule[]): [string, string][] => rules.map(([title, text]) => [title[lang], text[lang]]);
  return [...local([...common, ...byRegime[run.regime]]), ...appraisalRules(run, lang), ...local([rounding])];
}

/** Every config value as `dotted.key: value`; empty lists and maps are shown, not skipped. */
export function flattenConfig(value: unknown, prefix = ''): [string, string | number][] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [[prefix, '[]']];
    return value.flatMap((v, i) => flattenConfig(v, `${prefix}[${i}]`));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [[prefix, '{}']];
    return entries.flatMap(([k, v]) => flattenConfig(v, prefix === '' ? k : `${prefix}.${k}`));
  }
  if (typeof value === 'number') return [[prefix, value]];
  return [[prefix, String(value)]];
}

function delimiterName(d: string | undefined): string | null {
  if (d === undefined) return null;
  return d === '\t' ? 'tab' : d;
}

export function buildMetodologi(run: RunResult, lang: Lang): SheetContent {
  const overview: SheetBlock = {
    columns: [
      { header: L.item[lang], type: 'general', width: 30 },
      { header: L.value[lang], type: 'general', width: 70 },
    ],
    rows: [
      [L.regime[lang], run.regime],
      [L.basis[lang], REGIME_BASIS[run.regime][lang]],
      [L.ikmBasis[lang], lang === 'id' ? 'Peraturan Menteri PANRB Nomor 14 Tahun 2017' : 'Regulation of the Minister of PANRB No. 14 of 2017'],
      [L.curveBasis[lang], lang === 'id' ? 'Surat Edaran Menteri PANRB Nomor 3 Tahun 2023' : 'Circular of the Minister of PANRB No. 3 of 2023'],
      [L.tool[lang], `${run.tool.name} ${run.tool.version}`],
      [L.configFile[lang], run.configFile],
      [L.configHash[lang], run.configHash],
    ],
  };
  const rules: SheetBlock = {
    title: L.rules[lang],
    columns: [
      { header: L.rule[lang], type: 'general', width: 30 },
      { header: L.explanation[lang], type: 'general', width: 70 },
    ],
    rows: rulesInWords(run, lang),
  };
  const config: SheetBlock = {
    title: L.config[lang],
    columns: [
      { header: L.key[lang], type: 'general', width: 30 },
      { header: L.value[lang], type: 'general', width: 24 },
    ],
    rows: flattenConfig(run.config),
  };
  const inputs: SheetBlock = {
    title: L.inputs[lang],
    columns: [
      { header: L.file[lang], type: 'general', width: 30 },
      { header: L.kind[lang], type: 'general', width: 16 },
      { header: L.format[lang], type: 'general', width: 8 },
      { header: L.encoding[lang], type: 'general', width: 12 },
      { header: L.delimiter[lang], type: 'general', width: 8 },
      { header: L.sheet[lang], type: 'general', width: 14 },
      { header: L.headerRow[lang], type: 'integer', width: 10 },
      { header: L.sha[lang], type: 'text', width: 66 },
      { header: L.read[lang], type: 'integer', width: 10 },
      { header: L.accepted[lang], type: 'integer', width: 10 },
      { header: L.rejected[lang], type: 'integer', width: 10 },
    ],
    rows: run.inputs.map((f): CellData[] => [
      f.file,
      f.kind,
      f.format,
      f.encoding ?? null,
      delimiterName(f.delimiter),
      f.sheet ?? null,
      f.headerRow ?? null,
      f.sha256,
      f.read,
      f.accepted,
      f.rejected,
    ]),
  };
  return { blocks: [overview, rules, config, inputs] };
}

export const metodologiSheet: SheetBuilder = { name: 'Metodologi', build: buildMetodologi };
