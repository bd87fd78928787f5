import type { Lang, Text } from '../../domain/i18n.js';
import type { RunResult } from '../../pipeline/types.js';
import { plainNumber } from '../common.js';

/**
 * Metodologi rows of issue 4, in words with this run's values: rater weights, the leader rule,
 * the curve and its rounding, longer periods, and the stated mapping of a legacy regime onto the
 * workspace format (so a reader can see which parts are the regulation and which are ours).
 */
type Rule = [title: Text, text: Text];

export function appraisalRules(run: RunResult, lang: Lang): [string, string][] {
  const c = run.config;
  const n = (x: number): string => plainNumber(x, lang);
  const w = c.behaviour.raterWeights;
  const weights = `atasan ${n(w.atasan)}, rekan ${n(w.rekan)}, bawahan ${n(w.bawahan)}, diri ${n(w.diri)}`;
  const rules: Rule[] = [
    [
      { id: 'Bobot peran penilai', en: 'Rater role weights' },
      {
        id: `behaviour.raterWeights: ${weights}. Bobot satu peran dibagi rata antar penilainya; peran berbobot 0 diabaikan (ditampilkan di penjelasan); bobot dinormalkan atas peran yang hadir. Satu penilai yang menilai dua kali, atau dua Rating Hasil Kerja yang berbeda, adalah kesalahan di selnya dan pegawai itu tertunda.`,
        en: `behaviour.raterWeights: ${weights}. A role's weight is split equally among its raters; roles weighted 0 are ignored (shown in the explanation); weights renormalise over the roles present. A rater who rates twice, or two different Rating Hasil Kerja, is an error at its cell and leaves the employee pending.`,
      },
    ],
    [
      { id: 'Rating hasil kerja akhir', en: 'Final work rating' },
      {
        id: 'Urutan: pimpinan unit → dari predikat organisasi; selain itu Rating Hasil Kerja pejabat penilai (hanya dari baris atasan); selain itu saran dari nilai. Saran tetap ditampilkan.',
        en: 'Order: unit leader → from the organisational predikat; otherwise the appraiser’s Rating Hasil Kerja (atasan rows only); otherwise the suggestion from the score. The suggestion is always shown.',
      },
    ],
    [
      { id: 'Pimpinan unit', en: 'Unit leader' },
      {
        id: 'Pimpinan (NIP Pimpinan di berkas unit): rating hasil kerja Istimewa → Di Atas, Baik → Sesuai, lebih rendah → Di Bawah; perilakunya dinilai seperti pegawai lain; tidak dihitung dalam kurva unit.',
        en: 'The leader (NIP Pimpinan of the unit file): work rating Istimewa → Above, Baik → Meets, lower → Below; behaviour rated as for anyone; not counted in the unit curve.',
      },
    ],
    [
      { id: 'Kurva distribusi', en: 'Distribution curve' },
      {
        id: `SE MenPANRB 3/2023 per predikat organisasi. Istimewa: Sangat Baik ≤ 70%. Baik: Baik ≤ 70%, minimal 1 Butuh Perbaikan atau Kurang. Butuh Perbaikan: Butuh Perbaikan ≥ 60%, Sangat Baik ≤ 10%. Kurang: Kurang ≥ 60%, Butuh Perbaikan ≥ 10%, Sangat Baik ≤ 10%. Sangat Kurang: Sangat Kurang ≥ 60%, Kurang + Butuh Perbaikan ≥ 10%, tanpa Sangat Baik. Jumlah orang yang menentukan: minimum dibulatkan ${c.curve.minimumRounding}, maksimum ${c.curve.maximumRounding} (curve.*). Pegawai tertunda tetap dihitung dalam N. Setiap pelanggaran disertai pegawai terdekat ke batas (berdasarkan nilai) untuk ditinjau; alat ini tidak pernah mengubah predikat.`,
        en: `SE MenPANRB 3/2023 by organisational predikat. Istimewa: Sangat Baik ≤ 70%. Baik: Baik ≤ 70%, at least 1 Butuh Perbaikan or Kurang. Butuh Perbaikan: Butuh Perbaikan ≥ 60%, Sangat Baik ≤ 10%. Kurang: Kurang ≥ 60%, Butuh Perbaikan ≥ 10%, Sangat Baik ≤ 10%. Sangat Kurang: Sangat Kurang ≥ 60%, Kurang + Butuh Perbaikan ≥ 10%, no Sangat Baik. Head counts decide: minimums rounded ${c.curve.minimumRounding}, maximums ${c.curve.maximumRounding} (curve.*). Pending employees still count in N. Each violation lists the employees nearest the boundary (by score) to review; the tool never changes a predikat.`,
      },
    ],
    [
      { id: 'Periode lebih panjang', en: 'Longer periods' },
      {
        id: 'Semester/tahun: folder periode itu sendiri bila ada berkasnya; bila tidak, sub-periode digabung per jenis berkas. Indikator menurut Agregasi: jumlah (target dan realisasi dijumlahkan), rata-rata (rerata masing-masing), terakhir (sub-periode terakhir); realisasi kosong di sub-periode yang dihitung membuat gabungannya kosong. Perilaku: rating terbaru per pegawai; Rating Hasil Kerja sub-periode tidak dibawa. Unit: predikat dan pimpinan dari sub-periode terakhir, Jumlah Penerima Layanan dijumlahkan. Sheet Tren memuat nilai tiap sub-periode.',
        en: 'Semester/year: the period’s own folder when it holds the file; otherwise the sub-periods are combined, per input kind. Indicators by Agregasi: jumlah (target and realisasi summed), rata-rata (mean of each), terakhir (the last sub-period); a blank realisasi in a counted sub-period makes the combination blank. Behaviour: each employee’s latest ratings; sub-period Rating Hasil Kerja are not carried. Units: predikat and leader of the last sub-period, people served summed. The Tren sheet shows each sub-period’s score.',
      },
    ],
  ];
  if (run.regime === 'pp-30-2019') {
    rules.push([
      { id: 'Pemetaan PP 30/2019', en: 'PP 30/2019 mapping' },
      {
        id: 'Nilai SKP = nilai hasil kerja ruang kerja. Nilai perilaku = 120 − 20 × (3 − rerata poin ketujuh nilai BerAKHLAK): Di Atas 120, Sesuai 100, Di Bawah 80 (konversi appraise, bukan ketentuan PP 30). Bobot 60/40 bila rekan atau bawahan ikut menilai (dengan bobot > 0), selain itu 70/30. Data inovasi tidak ada di format ruang kerja: 110–120 menjadi Baik. Kurva distribusi tidak berlaku.',
        en: 'SKP score = the workspace work score. Behaviour score = 120 − 20 × (3 − mean points of the seven BerAKHLAK values): Above 120, Meets 100, Below 80 (an appraise conversion, not a PP 30 rule). Weighting 60/40 when a peer or subordinate rated (with weight > 0), else 70/30. Innovation is not in the workspace format: 110–120 becomes Baik. The distribution curve does not apply.',
      },
    ]);
  }
  if (run.regime === 'pp-46-2011') {
    rules.push([
      { id: 'Pemetaan PP 46/2011', en: 'PP 46/2011 mapping' },
      {
        id: 'Setiap baris indikator = satu kegiatan dengan satu aspek menurut Satuan: waktu (hari, jam, menit, minggu, bulan) dan biaya (Rp) dengan rumus efisiensi, perlu Arah turun; lainnya kuantitas (kualitas untuk %) = R/T × 100, perlu Arah naik. Target rentang, target 0, hitungan turun, atau durasi naik tidak punya rumus PP 46: pegawai tertunda. Kegiatan = indikator utama; tiap indikator tambahan dengan realisasi > 0 = satu tugas tambahan; kreativitas 0 (tidak ada di format); Bobot dan bobot aspek tidak dipakai; aspek kepuasan masyarakat bukan bagian SKP. Nilai perilaku = 100 − 20 × (3 − rerata poin BerAKHLAK): Di Atas 100, Sesuai 80, Di Bawah 60 (konversi appraise). Kurva distribusi tidak berlaku.',
        en: 'Each indicator row = one activity with one aspect by its Satuan: waktu (hari, jam, menit, minggu, bulan) and biaya (Rp) by the efficiency formulas, needing Arah turun; others kuantitas (kualitas for %) = R/T × 100, needing Arah naik. A range target, a zero target, a turun count or a naik duration has no PP 46 formula: the employee is pending. Activities = utama indicators; each tambahan indicator with a realisasi above 0 = one additional duty; creativity 0 (not in the format); Bobot and aspect weights unused; the citizen satisfaction aspect is not part of the SKP. Behaviour score = 100 − 20 × (3 − mean BerAKHLAK points): Above 100, Meets 80, Below 60 (an appraise conversion). The distribution curve does not apply.',
      },
    ]);
  }
  return rules.map(([t, x]) => [t[lang], x[lang]]);
}
