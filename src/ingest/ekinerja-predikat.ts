import type { IssueSink } from '../domain/issues.js';
import type { CellPlace } from '../domain/place.js';
import { formatPlace } from '../domain/place.js';
import { parsePredikat, parseRating, type Predikat, type Rating } from '../domain/ratings.js';
import type { OpenedTable } from '../io/table.js';
import type { ColumnSpec } from '../io/types.js';
import { ENUMS } from './columns.js';
import type { RowCounts } from './counts.js';
import { newCounts } from './counts.js';
import { RowReader } from './row.js';

/**
 * The e-Kinerja predikat list (data/<period>/predikat-ekinerja.csv), written by
 * `appraise convert --from ekinerja --period P` (src/convert/outputs.ts predikatTable): one row per
 * employee assessed in e-Kinerja, with the predikat the national application gave. A run compares
 * it with its own predikat (pipeline/ekinerja-stage.ts). Employees e-Kinerja has not assessed yet
 * are not in the list (hasil_akhir '-' is left out by the conversion).
 */
const c = (key: string, required: boolean, ...headers: string[]): ColumnSpec => ({ key, headers, required });

export const EKINERJA_PREDIKAT_COLUMNS: ColumnSpec[] = [
  c('nip', true, 'NIP', 'nip_pegawai', 'nip_baru'),
  c('name', false, 'Nama', 'Name', 'nama_pegawai'),
  c('predikat', true, 'Predikat', 'hasil_akhir', 'Predikat Kinerja'),
  c('workRating', false, 'Rating Hasil Kerja', 'rating_hasil_kerja'),
  c('behaviourRating', false, 'Rating Perilaku', 'rating_perilaku_kerja', 'rating_perilaku'),
  c('periodStart', false, 'Periode Awal', 'periode_awal'),
  c('periodEnd', false, 'Periode Akhir', 'periode_akhir'),
  c('period', false, 'Periode', 'Period'),
  c('source', false, 'Sumber', 'Source'),
];

export interface EkinerjaPredikatRecord {
  nip: string;
  name: string | null;
  predikat: Predikat;
  workRating: Rating | null;
  behaviourRating: Rating | null;
  /** The period id e-Kinerja's assessment covers (Periode), null when not stated. */
  period: string | null;
  /** Where the conversion read it in the export (Sumber), e.g. `laporan.xlsx!Laporan Penilaian SKP:7`. */
  source: string | null;
  place: CellPlace;
  periodPlace: CellPlace;
}

export interface EkinerjaPredikatResult {
  byNip: Map<string, EkinerjaPredikatRecord>;
  counts: RowCounts;
}

const PREDIKAT_SHOWN = ['Sangat Baik', 'Baik', 'Butuh Perbaikan', 'Kurang/Misconduct', 'Sangat Kurang'];

/**
 * Reads the list. A NIP, a predikat or a rating that cannot be read is rejected at its cell; the same
 * NIP twice is rejected at the second row (which of two predikat e-Kinerja meant cannot be guessed).
 * A stated Periode other than the run's is a warning at its cell: the row is still compared, the
 * HR officer decides whether the two periods are comparable.
 */
export async function ingestEkinerjaPredikat(table: OpenedTable, ctx: { periodId: string }, sink: IssueSink): Promise<EkinerjaPredikatResult> {
  const counts = newCounts();
  const byNip = new Map<string, EkinerjaPredikatRecord>();
  for await (const row of table.rows()) {
    counts.read++;
    const r = new RowReader(row, sink);
    // The list has no employment status: PPPK NIPs (appointment code instead of a month) are accepted.
    const nip = r.nip('nip', 'NIP', true, true);
    const name = r.text('name', 'Nama');
    const predikatText = r.text('predikat', 'Predikat', true);
    let predikat: Predikat | null = null;
    if (predikatText !== undefined) {
      predikat = parsePredikat(predikatText);
      if (predikat === null) {
        r.error('predikat', 'EKINERJA_PREDIKAT_UNKNOWN', {
          id: `Predikat '${predikatText}' bukan predikat kinerja.`,
          en: `Predikat '${predikatText}' is not a performance predikat.`,
        }, {
          id: `Gunakan salah satu: ${PREDIKAT_SHOWN.join(', ')}; hapus baris pegawai yang belum dinilai.`,
          en: `Use one of: ${PREDIKAT_SHOWN.join(', ')}; delete the rows of employees not yet assessed.`,
        });
      }
    }
    const rating = (key: 'workRating' | 'behaviourRating', label: string): Rating | null | undefined => {
      const t = r.text(key, label);
      if (t === null || t === undefined) return t;
      const parsed = parseRating(t);
      if (parsed === null) {
        r.error(key, 'RATING_UNKNOWN', { id: `${label}: '${t}' bukan rating yang dikenal.`, en: `${label}: '${t}' is not a known rating.` },
          { id: `Gunakan salah satu: ${ENUMS.rating.join(', ')}.`, en: `Use one of: ${ENUMS.rating.join(', ')}.` });
        return undefined;
      }
      return parsed;
    };
    const workRating = rating('workRating', 'Rating Hasil Kerja');
    const behaviourRating = rating('behaviourRating', 'Rating Perilaku');
    const period = r.text('period', 'Periode');
    const source = r.text('source', 'Sumber');

    if (nip) {
      const first = byNip.get(nip);
      if (first) {
        r.error('nip', 'EKINERJA_NIP_DUPLICATE', {
          id: `NIP ${nip} sudah ada di ${formatPlace(first.place)}; baris ini ditolak.`,
          en: `NIP ${nip} already appears at ${formatPlace(first.place)}; this row is rejected.`,
        }, {
          id: 'Satu pegawai, satu baris: konversi ulang ekspornya (appraise convert --from ekinerja) atau hapus baris ganda.',
          en: 'One row per employee: convert the export again (appraise convert --from ekinerja) or delete the repeated row.',
        });
      }
    }
    if (period !== null && period !== undefined && period !== ctx.periodId) {
      r.warning('period', 'EKINERJA_PERIOD_DIFFERS', {
        id: `Predikat e-Kinerja NIP ${nip ?? '?'} untuk periode ${period}, bukan ${ctx.periodId}; tetap dibandingkan.`,
        en: `The e-Kinerja predikat of NIP ${nip ?? '?'} covers ${period}, not ${ctx.periodId}; it is compared anyway.`,
      }, {
        id: `Periksa apakah ekspor e-Kinerja ini memang untuk ${ctx.periodId}.`,
        en: `Check that this e-Kinerja export is the one for ${ctx.periodId}.`,
      });
    }

    if (!r.ok || !nip || predikat === null || name === undefined || workRating === undefined || behaviourRating === undefined || period === undefined || source === undefined) {
      counts.rejected++;
      continue;
    }
    byNip.set(nip, {
      nip, name, predikat, workRating, behaviourRating, period, source,
      place: row.place, periodPlace: r.place('period'),
    });
    counts.accepted++;
  }
  return { byNip, counts };
}
