/**
 * Behaviour ratings (perilaku) of the Sinabang example, per quarter. The unit file (organisational
 * predikat, leader, people served) comes from examples/gen/feedback.mjs; the ratings below are
 * chosen against it: Dukcapil (Baik) breaks its curve, Dinas Kesehatan (Baik) fits it.
 * Called from examples/generate-sinabang.mjs with its helpers, so this module needs no import of
 * the generator (no cycle) and its output depends only on the roster and its own seeded streams.
 *
 * What the data shows:
 * - every employee rated by the supervisor (NIP Atasan of the roster; the Sekda by the Bupati,
 *   who is not in the roster, so NIP Penilai is blank); a mix of rating spellings (full labels,
 *   `sesuai`, 3/2/1);
 * - 360 raters (rekan, bawahan) for some employees of Dukcapil and BKPSDM: with the default
 *   raterWeights (atasan only) these rows are read, shown and ignored in the explanation;
 * - appraiser overrides (Rating Hasil Kerja) for a few employees, one of them a unit that the
 *   appraiser brings into its curve (Dinas Kesehatan);
 * - Dukcapil (Baik) breaks its curve: far more than 70% Baik and nobody Butuh Perbaikan or Kurang.
 */

const BERAKHLAK = ['Berorientasi Pelayanan', 'Akuntabel', 'Kompeten', 'Harmonis', 'Loyal', 'Adaptif', 'Kolaboratif'];
const PERILAKU_HEADERS = ['NIP', 'NIP Penilai', 'Peran Penilai', ...BERAKHLAK, 'Rating Hasil Kerja', 'Catatan'];

const ATAS = 'Di Atas Ekspektasi';
const SESUAI = 'Sesuai Ekspektasi';
const BAWAH = 'Di Bawah Ekspektasi';

/** Units whose employees also get peer and subordinate rows (360). */
const UNITS_360 = new Set(['Dinas Kependudukan dan Pencatatan Sipil', 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia']);

function spell(rng, rating) {
  // Mostly the full label, sometimes a short form or the number, as people type them.
  const r = rng.next();
  if (r < 0.85) return rating;
  if (r < 0.93) return rating === ATAS ? 'atas' : rating === SESUAI ? 'sesuai' : 'bawah';
  return rating === ATAS ? 3 : rating === SESUAI ? 2 : 1;
}

/** Seven ratings for an employee of typical capaian `level`: strong people more Di Atas. */
function valuesFor(rng, level, { weak = false } = {}) {
  const aboveShare = level >= 110 ? 0.75 : level >= 100 ? 0.3 : 0.12;
  const values = BERAKHLAK.map(() => (rng.next() < aboveShare ? ATAS : SESUAI));
  if (weak) values[rng.int(0, values.length - 1)] = BAWAH;
  return values;
}

/**
 * Rows of data/<period>/perilaku.xlsx. `overrides`: NIP → Rating Hasil Kerja given by the appraiser.
 * `weak`: NIPs with one value Di Bawah (so Kurang/Misconduct shows up).
 */
export function buildPerilaku(roster, periodId, rngFor, { overrides = new Map(), weak = new Set() } = {}) {
  const rng = rngFor(`perilaku:${periodId}`);
  const rows = [];
  const byNip = new Map(roster.map((e) => [e.nip, e]));
  for (const e of roster) {
    const values = valuesFor(rng, e.level, { weak: weak.has(e.nip) });
    const override = overrides.get(e.nip) ?? null;
    rows.push([e.nip, e.supervisorNip || null, 'atasan', ...values.map((v) => spell(rng, v)), override, override ? 'Rating hasil kerja ditetapkan pejabat penilai' : null]);
    if (UNITS_360.has(e.unit) && rng.next() < 0.5) {
      // Two peers (same supervisor) and, for supervisors, one subordinate.
      const peers = roster.filter((p) => p.unit === e.unit && p.nip !== e.nip && p.supervisorNip === e.supervisorNip).slice(0, 2);
      for (const p of peers) rows.push([e.nip, p.nip, 'rekan', ...valuesFor(rng, e.level).map((v) => spell(rng, v)), null, null]);
      const sub = roster.find((s) => s.supervisorNip === e.nip && byNip.has(s.nip));
      if (sub) rows.push([e.nip, sub.nip, 'bawahan', ...valuesFor(rng, e.level).map((v) => spell(rng, v)), null, null]);
    }
  }
  return rows;
}

/** Picks people by profile and position in their unit: deterministic, no randomness. */
function pick(roster, unit, index) {
  const list = roster.filter((e) => e.unit === unit);
  if (!list[index]) throw new Error(`no employee ${index} in ${unit}`);
  return list[index];
}

export async function writeBehaviourExamples({ dir, roster, rngFor, newWorkbook, addTable, saveWorkbook, join }) {
  const DINKES = 'Dinas Kesehatan';
  const TEUPAH = 'Kecamatan Teupah Barat';
  // Q1: the Dinkes appraiser spreads the results to fit the Baik curve (four Di Bawah, one Di Atas);
  // one upward override in Teupah Barat; one misconduct-like behaviour in RSUD.
  const q1Overrides = new Map([
    [pick(roster, DINKES, 4).nip, BAWAH],
    [pick(roster, DINKES, 9).nip, BAWAH],
    [pick(roster, DINKES, 7).nip, BAWAH],
    [pick(roster, DINKES, 11).nip, BAWAH],
    [pick(roster, DINKES, 6).nip, ATAS],
    [pick(roster, TEUPAH, 5).nip, SESUAI],
  ]);
  const q1Weak = new Set([pick(roster, 'Rumah Sakit Umum Daerah Simeulue', 8).nip]);
  const q2Overrides = new Map([
    [pick(roster, DINKES, 4).nip, BAWAH],
    [pick(roster, DINKES, 10).nip, BAWAH],
    [pick(roster, 'Kecamatan Simeulue Timur', 6).nip, ATAS],
  ]);
  const q2Weak = new Set([pick(roster, TEUPAH, 7).nip]);

  const plans = [
    ['2025-Q1', q1Overrides, q1Weak],
    ['2025-Q2', q2Overrides, q2Weak],
  ];
  const counts = {};
  for (const [periodId, overrides, weak] of plans) {
    const perilaku = buildPerilaku(roster, periodId, rngFor, { overrides, weak });
    const wb = newWorkbook();
    addTable(wb, 'Perilaku', {
      headers: PERILAKU_HEADERS,
      rows: perilaku,
      widths: [21, 21, 10, 14, 12, 12, 12, 12, 12, 12, 22, 40],
      textColumns: [0, 1],
    });
    await saveWorkbook(wb, join(dir, 'data', periodId, 'perilaku.xlsx'));
    counts[periodId] = { perilaku: perilaku.length };
  }
  return counts;
}
