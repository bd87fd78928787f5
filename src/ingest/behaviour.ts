import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import { formatPlace } from '../domain/place.js';
import type { Text } from '../domain/i18n.js';
import { parseRating, ratingLabel, type Rating } from '../domain/ratings.js';
import type { BehaviourRow, BerakhlakKey, RaterRole } from '../engine/behaviour.js';
import type { Employee } from '../engine/types.js';
import type { OpenedTable } from '../io/table.js';
import { rowBatches } from '../io/table.js';
import { BERAKHLAK_VALUES, ENUMS } from './columns.js';
import type { RowCounts } from './counts.js';
import { newCounts } from './counts.js';
import { RowReader } from './row.js';

/**
 * Behaviour file (perilaku, SPEC §2): one row per employee × rater. Ratings go through
 * parseRating; an unknown text is rejected at its cell, never guessed. The appraiser's Rating Hasil
 * Kerja is read only from atasan rows: it is the appraiser's decision, not a peer's.
 */

const ROLES: Record<string, RaterRole> = {
  atasan: 'atasan', supervisor: 'atasan', pejabatpenilai: 'atasan', penilai: 'atasan',
  rekan: 'rekan', rekankerja: 'rekan', peer: 'rekan',
  bawahan: 'bawahan', subordinate: 'bawahan',
  diri: 'diri', dirisendiri: 'diri', self: 'diri',
};

export interface AppraiserWorkRating {
  rating: Rating;
  place: CellPlace;
}

export interface BehaviourIngestResult {
  /** Accepted rater rows per NIP, in file order. */
  byNip: Map<string, BehaviourRow[]>;
  /** The appraiser's Rating Hasil Kerja per NIP (from an atasan row). */
  workRatings: Map<string, AppraiserWorkRating>;
  /**
   * NIPs whose behaviour or appraiser rating cannot be decided because the file contradicts
   * itself (a rater twice, two different Rating Hasil Kerja): the reason, with the places.
   * The pipeline leaves their predikat pending; the cells are reported as errors.
   */
  conflicts: Map<string, Text>;
  counts: RowCounts;
}

export interface BehaviourIngestContext {
  /** Accepted employees of the roster (only looked up: `import perilaku` without a roster passes an open one). */
  roster: Pick<ReadonlyMap<string, Employee>, 'has' | 'get'>;
  /** NIPs whose roster rows were rejected or are inactive. */
  excluded: ReadonlySet<string>;
}

function addConflict(conflicts: Map<string, Text>, nip: string, t: Text): void {
  const prev = conflicts.get(nip);
  conflicts.set(nip, prev ? { id: `${prev.id}; ${t.id}`, en: `${prev.en}; ${t.en}` } : t);
}

export async function ingestBehaviour(table: OpenedTable, ctx: BehaviourIngestContext, sink: IssueSink): Promise<BehaviourIngestResult> {
  const counts = newCounts();
  const byNip = new Map<string, BehaviourRow[]>();
  const workRatings = new Map<string, AppraiserWorkRating>();
  const conflicts = new Map<string, Text>();
  // nip + rater key → place of the first row, to find a rater who rated twice.
  const seenRater = new Map<string, string>();

  for await (const batch of rowBatches(table.rows())) for (const tableRow of batch) {
    counts.read++;
    const r = new RowReader(tableRow, sink);
    const nip = r.nip('nip', 'NIP', true);
    const raterNip = r.nip('raterNip', 'NIP Penilai', false);
    const role = r.choice('raterRole', 'Peran Penilai', ROLES, 'atasan', ENUMS.raterRole);
    const values = {} as Record<BerakhlakKey, Rating>;
    let valuesOk = true;
    for (const v of BERAKHLAK_VALUES) {
      const rating = readRating(r, v.key, v.header, true);
      if (rating === undefined || rating === null) valuesOk = false;
      else values[v.key] = rating;
    }
    const workRating = readRating(r, 'workRating', 'Rating Hasil Kerja', false);
    r.text('note', 'Catatan');

    if (nip) r.requireInRoster('nip', nip, ctx.roster, ctx.excluded);
    if (nip && raterNip && role) {
      if (role === 'diri' && raterNip !== nip) {
        r.error('raterNip', 'RATER_SELF_MISMATCH', {
          id: `Peran 'diri' tetapi NIP Penilai ${raterNip} bukan NIP pegawai ${nip}.`,
          en: `Role 'diri' (self) but NIP Penilai ${raterNip} is not the employee's NIP ${nip}.`,
        }, { id: 'Perbaiki Peran Penilai atau NIP Penilai.', en: 'Correct the rater role or the rater NIP.' });
      } else if (role !== 'diri' && raterNip === nip) {
        r.error('raterNip', 'RATER_IS_SELF', {
          id: `NIP Penilai sama dengan NIP pegawai, tetapi perannya '${role}'.`,
          en: `The rater NIP is the employee's own NIP, but the role is '${role}'.`,
        }, { id: "Untuk penilaian diri sendiri isi Peran Penilai 'diri'.", en: "For a self-rating set the rater role to 'diri'." });
      } else if (role === 'atasan') {
        const supervisor = ctx.roster.get(nip)?.supervisorNip ?? null;
        if (supervisor !== null && supervisor !== raterNip) {
          r.warning('raterNip', 'RATER_NOT_SUPERVISOR', {
            id: `Penilai atasan ${raterNip} bukan NIP Atasan di daftar pegawai (${supervisor}).`,
            en: `The supervisor rater ${raterNip} is not the NIP Atasan in the roster (${supervisor}).`,
          }, { id: 'Periksa apakah pejabat penilai sudah benar (mis. pelaksana tugas).', en: 'Check that the appraiser is right (e.g. an acting official).' });
        }
      }
    }
    if (workRating && role && role !== 'atasan') {
      r.error('workRating', 'WORK_RATING_NOT_ATASAN', {
        id: `Rating Hasil Kerja hanya boleh diisi pada baris atasan (pejabat penilai), bukan '${role}'.`,
        en: `Rating Hasil Kerja may only be given on the supervisor's (atasan) row, not on a '${role}' row.`,
      }, { id: 'Kosongkan sel ini, atau isi rating pada baris atasan.', en: 'Clear this cell, or give the rating on the supervisor row.' });
    }

    // A rater who rates the same employee twice: which row counts cannot be guessed. Raters
    // without a NIP are told apart only for atasan and diri (one each); anonymous peers may repeat.
    if (r.ok && nip && role) {
      const key = raterNip ? `nip:${raterNip}` : role === 'atasan' || role === 'diri' ? `role:${role}` : null;
      if (key) {
        const first = seenRater.get(`${nip}\u0000${key}`);
        if (first) {
          const who = raterNip ?? role;
          r.error(raterNip ? 'raterNip' : 'raterRole', 'RATER_DUPLICATE', {
            id: `Penilai ${who} sudah menilai NIP ${nip} di ${first}; baris ini ditolak dan perilaku pegawai ini tertunda.`,
            en: `Rater ${who} already rated NIP ${nip} at ${first}; this row is rejected and this employee's behaviour is pending.`,
          }, { id: 'Hapus salah satu baris, atau perbaiki NIP/peran penilainya.', en: 'Delete one of the rows, or correct the rater NIP/role.' });
          addConflict(conflicts, nip, {
            id: `penilai ${who} menilai dua kali (${first} dan ${formatPlace(tableRow.place)})`,
            en: `rater ${who} rated twice (${first} and ${formatPlace(tableRow.place)})`,
          });
        } else seenRater.set(`${nip}\u0000${key}`, formatPlace(tableRow.place));
      }
    }
    // Two atasan rows with different appraiser ratings: error at the second cell, no rating wins.
    if (r.ok && nip && workRating) {
      const prev = workRatings.get(nip);
      if (prev && prev.rating !== workRating) {
        const at = formatPlace(prev.place);
        r.error('workRating', 'WORK_RATING_CONFLICT', {
          id: `Rating Hasil Kerja '${ratingLabel(workRating, 'id')}' bertentangan dengan '${ratingLabel(prev.rating, 'id')}' di ${at}.`,
          en: `Rating Hasil Kerja '${ratingLabel(workRating, 'en')}' contradicts '${ratingLabel(prev.rating, 'en')}' at ${at}.`,
        }, { id: 'Satu pegawai hanya mendapat satu rating hasil kerja dari pejabat penilai: perbaiki salah satunya.', en: 'An employee gets one work rating from the appraiser: correct one of them.' });
        addConflict(conflicts, nip, {
          id: `Rating Hasil Kerja bertentangan (${at} dan ${formatPlace(r.place('workRating'))})`,
          en: `contradicting Rating Hasil Kerja (${at} and ${formatPlace(r.place('workRating'))})`,
        });
      }
    }

    if (!r.ok || !nip || !role || !valuesOk || workRating === undefined || raterNip === undefined) {
      counts.rejected++;
      continue;
    }
    // The roster's NIP strings, and one ratings object per combination: the rows are kept for the
    // run (the explanations rate again from them), one per employee and rater.
    const key = ctx.roster.get(nip)?.nip ?? nip;
    const rater = raterNip === null ? null : (ctx.roster.get(raterNip)?.nip ?? raterNip);
    const row: BehaviourRow = { raterNip: rater, raterRole: role, values: sharedValues(values), place: tableRow.place };
    const list = byNip.get(key);
    if (list) list.push(row);
    else byNip.set(key, [row]);
    if (workRating && !workRatings.has(key)) workRatings.set(key, { rating: workRating, place: r.place('workRating') });
    counts.accepted++;
  }
  return { byNip, workRatings, conflicts, counts };
}

/** One frozen ratings object per combination of the seven ratings (3^7 at most). */
const valuesOfRatings = new Map<string, Readonly<Record<BerakhlakKey, Rating>>>();
function sharedValues(values: Record<BerakhlakKey, Rating>): Record<BerakhlakKey, Rating> {
  const key = BERAKHLAK_VALUES.map((v) => values[v.key]).join('|');
  let shared = valuesOfRatings.get(key);
  if (shared === undefined) valuesOfRatings.set(key, (shared = Object.freeze(values)));
  return shared as Record<BerakhlakKey, Rating>;
}

/** A rating cell: blank → null (or an error when required); unknown text → error at the cell. */
function readRating(r: RowReader, key: string, label: string, required: boolean): Rating | null | undefined {
  const raw = r.raw(key);
  const s = required ? r.text(key, label, true) : r.text(key, label);
  if (s === undefined) return undefined;
  if (s === null) return null;
  const rating = typeof raw === 'number' ? parseRating(raw) : ratingOfText(s);
  if (rating === null) {
    r.error(key, 'RATING_UNKNOWN', {
      id: `${label}: '${s}' bukan rating yang dikenal.`,
      en: `${label}: '${s}' is not a known rating.`,
    }, {
      id: 'Tulis Di Atas Ekspektasi, Sesuai Ekspektasi atau Di Bawah Ekspektasi (atau atas/sesuai/bawah, 3/2/1).',
      en: 'Write Di Atas Ekspektasi, Sesuai Ekspektasi or Di Bawah Ekspektasi (or atas/sesuai/bawah, 3/2/1).',
    });
    return undefined;
  }
  return rating;
}

// Rating cells repeat a handful of texts over every row: each text's rating is remembered, up to a bound.
const ratingsOfText = new Map<string, Rating | null>();
function ratingOfText(s: string): Rating | null {
  let rating = ratingsOfText.get(s);
  if (rating === undefined) {
    rating = parseRating(s);
    if (ratingsOfText.size < 10_000) ratingsOfText.set(s, rating);
  }
  return rating;
}
