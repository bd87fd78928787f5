import type { Config } from '../config/schema.js';
import type { Lang } from '../domain/i18n.js';
import type { Period } from '../domain/period.js';
import type { IndicatorsRead } from '../pipeline/run.js';
import type { RunResult } from '../pipeline/types.js';
import type { RunSession } from '../workspace/session.js';
import { indicatorCsvFileName, indicatorRowCount, indicatorsGoToCsv, resultsFileName, workbookFileName } from './common.js';
import { encoderFor } from './encoder.js';
import { indicatorCsvStarter } from './indicator-csv.js';
import { writeResultsJson } from './results-json.js';
import { writeTrainingOutputs } from './training-files.js';
import { writeReportWorkbook } from './workbook.js';

/**
 * Every output of `appraise run` (SPEC §6–§9), written into the run's session: the report workbook
 * (with `indikator-<period>.csv` beside it when its rows are too many for a sheet), hasil JSON and
 * the training files. A large run uses two worker threads for them: the indicator csv worker,
 * started while the run is still computing (indicator-csv.ts), and the encoding worker
 * (encoder.ts). The caller passes `onIndicatorsRead` to computeRun, calls `write` with the run's
 * result, then commits the session; `stop` must be called on every path, before the session ends.
 */
export interface RunOutputs {
  /** For computeRun's hook of the same name. */
  onIndicatorsRead(read: IndicatorsRead): void;
  /** Writes every output into the session's batch (reserved, hashed, not yet committed). */
  write(result: RunResult): Promise<void>;
  /** Ends the indicator csv worker: a run that fails or stops first leaves no file of it open. */
  stop(): Promise<void>;
}

export interface RunOutputsOptions {
  config: Config;
  period: Period;
  lang: Lang;
  /** run --anonymize: the result given to `write` carries pseudonyms (the csv worker is not used). */
  anonymize: boolean;
  env: NodeJS.ProcessEnv;
}

export function runOutputs(s: RunSession, opts: RunOutputsOptions): RunOutputs {
  const { config, period, lang, env } = opts;
  const tr = (id: string, en: string): string => (lang === 'id' ? id : en);
  // A large run's indicator csv is written on a worker while the main thread computes.
  const csvWorker = indicatorCsvStarter({
    config, anonymize: opts.anonymize, env,
    lang, scoringLang: lang, label: indicatorCsvFileName(period.id),
    reserve: (name) => s.reserve(name).tmp,
  });

  async function write(result: RunResult): Promise<void> {
    const csvJob = csvWorker.job;
    // The worker's row count is the run's by construction (planIndicatorCsv); checked all the
    // same, as a csv the run would not write must not be committed.
    if (csvJob !== null && csvJob.rows !== indicatorRowCount(result)) {
      throw new Error(`appraise: the indicator csv worker has ${csvJob.rows} rows, the run ${indicatorRowCount(result)}`);
    }
    // Large runs encode the workbook and the csv files on a worker thread while this thread
    // goes on to the next output; the files are complete once encoder.finish() resolves.
    const encoder = encoderFor(result, lang, env);
    try {
      const workbook = s.reserve(workbookFileName(period.id));
      // Above detailSheetMaxRows the indicator rows go to a csv beside the workbook, in the same
      // batch (reserved again when the worker writes it: its place in the order of the outputs).
      const indicatorCsv = indicatorsGoToCsv(result) ? s.reserve(indicatorCsvFileName(period.id)) : null;
      const json = s.reserve(resultsFileName(period.id));
      // The outputs are independent, so they are written at once: while the encoding worker
      // encodes workbook rows, this thread writes the JSON instead of waiting for it.
      await s.stagesTogether(tr('Menulis laporan Excel, hasil JSON dan rekomendasi pelatihan', 'Writing the Excel report, the JSON results and the training recommendations'), {
        workbook: () => writeReportWorkbook(result, workbook.tmp, lang, {
          ...(indicatorCsv ? { indicatorCsvPath: indicatorCsv.tmp } : {}),
          indicatorCsvWritten: csvJob !== null,
          // A streamed (large) workbook writes its chart beside it, in the same batch.
          imagePath: (name) => s.reserve(name).tmp,
          ...(encoder ? { encoder } : {}),
        }),
        json: async () => s.batch.written(json.tmp, await writeResultsJson(result, json.tmp)),
        training: () => writeTrainingOutputs(result, s.batch, lang, encoder ?? undefined),
        ...(csvJob ? { indicatorCsv: async () => s.batch.written(csvJob.path, await csvJob.done()) } : {}),
      });
      if (encoder) {
        await s.stage('encode', tr('Menyelesaikan laporan besar', 'Finishing the large reports'), async () => {
          // The worker hashed its files as it wrote them: the manifest need not read them back.
          for (const [path, digest] of await encoder.finish()) s.batch.written(path, digest);
        });
      }
    } finally {
      // Before the batch is committed or aborted: no file of the worker is still open.
      await encoder?.stop();
    }
  }

  return { onIndicatorsRead: csvWorker.onIndicatorsRead, write, stop: csvWorker.stop };
}
