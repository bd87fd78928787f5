import type { Lang } from '../domain/i18n.js';
import type { RunResult } from '../pipeline/types.js';
import type { OutputBatch } from '../workspace/atomic.js';
import { writeCsv } from './csv.js';
import { employeeColumns, employeeRows, trainingCsvFileName, trainingWorkbookFileName, trainingWorkbookSheets } from './training.js';
import { writeSheetsWorkbook } from './workbook.js';

/**
 * rekomendasi-pelatihan-<period>.xlsx and .csv (SPEC §6), reserved in the caller's OutputBatch so
 * that they are renamed into place together with the run's other outputs (SPEC §8).
 */
export async function writeTrainingOutputs(run: RunResult, batch: OutputBatch, lang: Lang): Promise<void> {
  const xlsx = batch.reserve(trainingWorkbookFileName(run.period.id));
  await writeSheetsWorkbook(run, trainingWorkbookSheets(run, lang), xlsx.tmp);
  const csv = batch.reserve(trainingCsvFileName(run.period.id));
  // writeCsv neutralises text cells that a spreadsheet would run as formulas.
  await writeCsv(csv.tmp, employeeColumns(lang).map((c) => c.header), employeeRows(run, lang));
}
