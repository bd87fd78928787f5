/**
 * Behaviour ratings (perilaku) of the Sinabang example, per quarter. The unit file (organisational
 * predikat, leader, people served) comes from examples/gen/feedback.mjs; who is rated how, and whose
 * results the appraiser rates, comes from examples/gen/curves.mjs (which units fit their curve and
 * which break it on purpose).
 * Called from examples/generate-sinabang.mjs with its helpers, so this module needs no import of
 * the generator (no cycle) and its output depends only on the roster and its own seeded streams.
 *
 * What the data shows:
 * - every employee rated by the supervisor (NIP Atasan of the roster; the Sekda by the Bupati,
 *   who is not in the roster, so NIP Penilai is blank); a mix of rating spellings (full labels,
 *   `sesuai`, 3/2/1);
 * - 360 raters (rekan, bawahan) for some employees of Dukcapil and BKPSDM: with the default
 *   raterWeights (atasan only) these rows are read, shown and ignored in the explanation;
 * - appraiser overrides (Rating Hasil Kerja) for a few employees, with a note;
 * - one value Di Bawah per quarter (predikat Kurang/Misconduct), with a note.
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
function valuesFor(rng, level, { weak = null } = {}) {
  const aboveShare = level >= 110 ? 0.75 : level >= 100 ? 0.3 : 0.12;
  const values = BERAKHLAK.map(() => (rng.next() < aboveShare ? ATAS : SESUAI));
  if (weak !== null) {
    const drawn = rng.int(0, values.length - 1);
    // The value the note is about, when named; else the drawn one.
    values[weak === true ? drawn : BERAKHLAK.indexOf(weak)] = BAWAH;
  }
  return values;
}

/**
 * The supervisor's seven values for a planned overall behaviour: 'atas' needs at least 4 of 7 Di
 * Atas, 'sesuai' at most 3 (SPEC §3.4). Flips the fewest values, without drawing from the stream,
 * so that everyone else's ratings stay as seeded.
 */
function toPlan(values, overall) {
  const out = [...values];
  const above = () => out.filter((v) => v === ATAS).length;
  if (overall === 'atas') for (let i = 0; i < out.length && above() < 4; i++) if (out[i] === SESUAI) out[i] = ATAS;
  if (overall === 'sesuai') for (let i = out.length - 1; i >= 0 && above() > 3; i--) if (out[i] === ATAS) out[i] = SESUAI;
  return out;
}

/**
 * Rows of data/<period>/perilaku.xlsx. `behaviour`: NIP → {overall 'atas'|'sesuai'|'bawah', value, note};
 * 'bawah' = one value Di Bawah (`value`, a BerAKHLAK name) (so Kurang/Misconduct shows up). `overrides`: NIP → {rating, note},
 * the Rating Hasil Kerja given by the appraiser.
 */
export function buildPerilaku(roster, periodId, rngFor, { behaviour = new Map(), overrides = new Map() } = {}) {
  const rng = rngFor(`perilaku:${periodId}`);
  const rows = [];
  const byNip = new Map(roster.map((e) => [e.nip, e]));
  for (const e of roster) {
    const plan = behaviour.get(e.nip) ?? null;
    const values = toPlan(valuesFor(rng, e.level, { weak: plan?.overall === 'bawah' ? (plan.value ?? true) : null }), plan?.overall);
    const override = overrides.get(e.nip) ?? null;
    const note = [override?.note, plan?.note].filter(Boolean).join('; ') || null;
    rows.push([e.nip, e.supervisorNip || null, 'atasan', ...values.map((v) => spell(rng, v)), override?.rating ?? null, note]);
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

export async function writeBehaviourExamples({ dir, roster, rngFor, newWorkbook, addTable, saveWorkbook, join, planFor }) {
  const plans = ['2025-Q1', '2025-Q2'].map((periodId) => [periodId, planFor(roster, periodId)]);
  const counts = {};
  for (const [periodId, plan] of plans) {
    const perilaku = buildPerilaku(roster, periodId, rngFor, plan);
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
