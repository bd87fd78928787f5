import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { computeRun, type RunInput } from '../../pipeline/run.js';
import type { RunResult } from '../../pipeline/types.js';
import { anonymizeRun } from '../../reports/anonymize.js';
import { buildResultsDocument, writeResultsJson } from '../../reports/results-json.js';
import { writeReportWorkbook } from '../../reports/workbook.js';
import { encoderFor } from '../../reports/encoder.js';
import { indicatorCsvFileName, indicatorRowCount, indicatorsGoToCsv, resultsFileName, workbookFileName } from '../../reports/common.js';
import { indicatorCsvStarter } from '../../reports/indicator-csv.js';
import { issueDocument } from '../../reports/issues-json.js';
import { renderIssues, renderSummary } from '../../reports/terminal.js';
import { AppError, EXIT } from '../../domain/errors.js';
import { writeTrainingOutputs } from '../../reports/training-files.js';
import { outputDir } from '../../workspace/layout.js';
import { workspaceSecret } from '../../workspace/secret.js';
import { withRunSession } from '../../workspace/session.js';

export interface RunOptions {
  period?: string;
  strict?: boolean;
  dryRun?: boolean;
  out?: string;
  anonymize?: boolean;
}

/** `appraise run --period P`: validate, score and write every output of the period. */
export async function runCommand(ctx: Context, opts: RunOptions): Promise<void> {
  const { workspace, loaded } = ctx.loadWorkspace();
  const period = ctx.period(opts.period);
  const compute = (progress: (t: string) => void, onIndicatorsRead?: RunInput['onIndicatorsRead']) =>
    computeRun({ workspace, loaded, period, lang: ctx.lang, progress, ...(onIndicatorsRead ? { onIndicatorsRead } : {}) });

  const strictCheck = (run: RunResult): void => {
    const errors = run.issues.filter((i) => i.severity === 'error').length;
    if (!opts.strict || errors === 0) return;
    ctx.endProgress();
    if (ctx.json) ctx.printJson({ period: period.id, ok: false, written: [], issues: run.issues.map(issueDocument) });
    else ctx.print(renderIssues(run.issues, { color: ctx.color, lang: ctx.lang }));
    throw new AppError(EXIT.data,
      ctx.tr(`--strict: ${errors} galat data; tidak ada berkas yang ditulis.`, `--strict: ${errors} data error(s); nothing was written.`),
      ctx.tr('Perbaiki sel yang disebut (appraise validate), atau jalankan tanpa --strict.', 'Fix the cells listed (appraise validate), or run without --strict.'));
  };
  const anonymize = (run: RunResult): RunResult => {
    if (!opts.anonymize) return run;
    const secret = workspaceSecret(workspace, ctx.lang);
    if (secret.created) {
      ctx.info(ctx.tr(`Rahasia pseudonim dibuat: ${secret.path} (jangan dibagikan; sudah dicantumkan di .gitignore).`,
        `Pseudonym secret created: ${secret.path} (do not share it; listed in .gitignore).`));
    }
    return anonymizeRun(run, secret.key).run;
  };

  let run: RunResult;
  let written: string[] = [];
  if (opts.dryRun) {
    // Writes nothing, so it takes no lock and leaves no log.
    run = anonymize(await compute((t) => ctx.progress(t)));
    strictCheck(run);
  } else {
    const outDir = opts.out ? resolve(ctx.io.cwd, opts.out) : outputDir(workspace, loaded.config, period);
    run = await withRunSession({ ctx, workspace, config: loaded.config, period, outDir }, async (s) => {
      // A large run's indicator csv is written on a worker while this thread computes (indicator-csv.ts).
      const csvWorker = indicatorCsvStarter({
        config: loaded.config, anonymize: Boolean(opts.anonymize), env: ctx.io.env,
        lang: ctx.lang, scoringLang: ctx.lang, label: indicatorCsvFileName(period.id),
        reserve: (name) => s.reserve(name).tmp,
      });
      try {
        const computed = await s.stage('compute', ctx.tr('Membaca dan menghitung', 'Reading and scoring'), () =>
          compute((t) => {
            ctx.progress(t);
            s.log.line('info', t);
          }, csvWorker.onIndicatorsRead));
        const errors = computed.issues.filter((i) => i.severity === 'error').length;
        s.log.line(errors > 0 ? 'warn' : 'info', `${computed.employees.length} employees, ${errors} data error(s), ${computed.issues.length - errors} other issue(s)`);
        strictCheck(computed);
        const result = opts.anonymize ? await s.stage('anonymize', ctx.tr('Pseudonim', 'Pseudonyms'), () => anonymize(computed)) : computed;
        const csvJob = csvWorker.job;
        // The worker's row count is the run's by construction (planIndicatorCsv); checked all the
        // same, as a csv the run would not write must not be committed.
        if (csvJob !== null && csvJob.rows !== indicatorRowCount(result)) {
          throw new Error(`appraise: the indicator csv worker has ${csvJob.rows} rows, the run ${indicatorRowCount(result)}`);
        }

        // Large runs encode the workbook and the csv files on a worker thread while this thread
        // goes on to the next output; the files are complete once encoder.finish() resolves.
        const encoder = encoderFor(result, ctx.lang, ctx.io.env);
        try {
          const workbook = s.reserve(workbookFileName(period.id));
          // Above detailSheetMaxRows the indicator rows go to a csv beside the workbook, in the same
          // batch (reserved again when the worker writes it: its place in the order of the outputs).
          const indicatorCsv = indicatorsGoToCsv(result) ? s.reserve(indicatorCsvFileName(period.id)) : null;
          const json = s.reserve(resultsFileName(period.id));
          // The outputs are independent, so they are written at once: while the encoding worker
          // encodes workbook rows, this thread writes the JSON instead of waiting for it.
          await s.stagesTogether(ctx.tr('Menulis laporan Excel, hasil JSON dan rekomendasi pelatihan', 'Writing the Excel report, the JSON results and the training recommendations'), {
            workbook: () => writeReportWorkbook(result, workbook.tmp, ctx.lang, {
              ...(indicatorCsv ? { indicatorCsvPath: indicatorCsv.tmp } : {}),
              indicatorCsvWritten: csvJob !== null,
              // A streamed (large) workbook writes its chart beside it, in the same batch.
              imagePath: (name) => s.reserve(name).tmp,
              ...(encoder ? { encoder } : {}),
            }),
            json: async () => s.batch.written(json.tmp, await writeResultsJson(result, json.tmp)),
            training: () => writeTrainingOutputs(result, s.batch, ctx.lang, encoder ?? undefined),
            ...(csvJob ? { indicatorCsv: async () => s.batch.written(csvJob.path, await csvJob.done()) } : {}),
          });
          if (encoder) {
            await s.stage('encode', ctx.tr('Menyelesaikan laporan besar', 'Finishing the large reports'), async () => {
              // The worker hashed its files as it wrote them: the manifest need not read them back.
              for (const [path, digest] of await encoder.finish()) s.batch.written(path, digest);
            });
          }
        } finally {
          // Before the batch is committed or aborted: no file of the worker is still open.
          await encoder?.stop();
        }
        written = await s.commit(result, { anonymized: Boolean(opts.anonymize) });
        return result;
      } finally {
        // On every path: a run that fails or stops first (compute, --strict, another output) ends
        // the worker here, its file closed and removed, before the session aborts the batch.
        await csvWorker.stop();
      }
    });
  }
  ctx.endProgress();

  if (ctx.json) {
    ctx.printJson({ ...buildResultsDocument(run), outputs: written, dryRun: Boolean(opts.dryRun) });
    return;
  }
  ctx.print(renderSummary(run, { color: ctx.color, lang: ctx.lang, outputs: written }));
  if (opts.dryRun) ctx.print(ctx.tr('--dry-run: tidak ada berkas yang ditulis.', '--dry-run: nothing was written.'));
}
