import type { Lang } from '../domain/i18n.js';
import type { RunResult } from '../pipeline/types.js';
import type { OutputBatch } from '../workspace/atomic.js';
import { writeCsv } from './csv.js';
import type { EncodeWorker } from './encoder.js';
import { employeeColumns, employeeRowCount, employeeRows, trainingCsvFileName, trainingWorkbookFileName, trainingWorkbookSheets } from './training.js';
import { STREAM_ABOVE_ROWS, writeSheetsWorkbook, type DirectOptions } from './workbook.js';

/**
 * rekomendasi-pelatihan-<period>.xlsx and .csv (SPEC §6), reserved in the caller's OutputBatch so
 * that they are renamed into place together with the run's other outputs (SPEC §8). With the
 * encoding worker of a large run (encoder.ts) the csv and a streamed workbook are encoded by it,
 * complete once `encoder.finish()` resolves.
 */
export async function writeTrainingOutputs(
  run: RunResult,
  batch: OutputBatch,
  lang: Lang,
  encoder?: EncodeWorker,
  opts: Pick<DirectOptions, 'streamAboveRows'> = {},
): Promise<void> {
  // Both reserved before anything is awaited: a run writes its outputs at once, and the batch's
  // order (the manifest's) must not depend on which writer gets there first.
  const xlsxName = trainingWorkbookFileName(run.period.id);
  const xlsx = batch.reserve(xlsxName);
  const csvName = trainingCsvFileName(run.period.id);
  const csv = batch.reserve(csvName);
  // More employee rows than the threshold: the workbook is streamed whether its long blocks are
  // arrays or generators (a generator block counts as STREAM_ABOVE_ROWS + 1 rows, hence the
  // threshold at most that), so they may stay generators, and the same writer gives the same bytes.
  const threshold = opts.streamAboveRows ?? STREAM_ABOVE_ROWS;
  const streamed = threshold <= STREAM_ABOVE_ROWS && employeeRowCount(run) > threshold;
  await writeSheetsWorkbook(run, trainingWorkbookSheets(run, lang, streamed), xlsx.tmp, { ...opts, ...(encoder ? { encoder, label: xlsxName } : {}) });
  const header = employeeColumns(lang).map((c) => c.header);
  // Both csv writers neutralise text cells that a spreadsheet would run as formulas.
  if (encoder) await encoder.csv(csv.tmp, header, employeeRows(run, lang), csvName);
  else await writeCsv(csv.tmp, header, employeeRows(run, lang));
}
