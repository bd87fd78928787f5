import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { computeRun } from '../../pipeline/run.js';
import { buildResultsDocument, serializeResults } from '../../reports/results-json.js';
import { writeReportWorkbook } from '../../reports/workbook.js';
import { indicatorCsvFileName, indicatorsGoToCsv, resultsFileName, workbookFileName } from '../../reports/common.js';
import { renderIssues, renderSummary } from '../../reports/terminal.js';
import { AppError, EXIT } from '../../domain/errors.js';
import { writeTrainingOutputs } from '../../reports/training-files.js';
import { OutputBatch } from '../../workspace/atomic.js';
import { outputDir } from '../../workspace/layout.js';

export interface RunOptions {
  period?: string;
  strict?: boolean;
  dryRun?: boolean;
  out?: string;
}

/** `appraise run --period P`: validate, score and write every output of the period. */
export async function runCommand(ctx: Context, opts: RunOptions): Promise<void> {
  const { workspace, loaded } = ctx.loadWorkspace();
  const period = ctx.period(opts.period);
  const run = await computeRun({ workspace, loaded, period, lang: ctx.lang, progress: (t) => ctx.progress(t) });
  const errors = run.issues.filter((i) => i.severity === 'error').length;

  if (opts.strict && errors > 0) {
    ctx.endProgress();
    if (ctx.json) ctx.printJson({ period: period.id, ok: false, written: [], issues: run.issues });
    else ctx.print(renderIssues(run.issues, { color: ctx.color, lang: ctx.lang }));
    throw new AppError(EXIT.data,
      ctx.tr(`--strict: ${errors} galat data; tidak ada berkas yang ditulis.`, `--strict: ${errors} data error(s); nothing was written.`),
      ctx.tr('Perbaiki sel yang disebut (appraise validate), atau jalankan tanpa --strict.', 'Fix the cells listed (appraise validate), or run without --strict.'));
  }

  const outDir = opts.out ? resolve(ctx.io.cwd, opts.out) : outputDir(workspace, loaded.config, period);
  const written: string[] = [];
  if (!opts.dryRun) {
    ctx.progress(ctx.tr('Menulis laporan', 'Writing reports'));
    const batch = new OutputBatch(outDir);
    try {
      const workbook = batch.reserve(workbookFileName(period.id));
      // Above detailSheetMaxRows the indicator rows go to a csv beside the workbook, in the same batch.
      const indicatorCsv = indicatorsGoToCsv(run) ? batch.reserve(indicatorCsvFileName(period.id)) : null;
      await writeReportWorkbook(run, workbook.tmp, ctx.lang, indicatorCsv ? { indicatorCsvPath: indicatorCsv.tmp } : {});
      const json = batch.reserve(resultsFileName(period.id));
      writeFileSync(json.tmp, serializeResults(buildResultsDocument(run)));
      await writeTrainingOutputs(run, batch, ctx.lang);
      written.push(...batch.commit());
    } catch (e) {
      batch.abort();
      throw e;
    }
  }
  ctx.endProgress();

  if (ctx.json) {
    ctx.printJson({ ...buildResultsDocument(run), outputs: written, dryRun: Boolean(opts.dryRun) });
    return;
  }
  ctx.print(renderSummary(run, { color: ctx.color, lang: ctx.lang, outputs: written }));
  if (opts.dryRun) ctx.print(ctx.tr('--dry-run: tidak ada berkas yang ditulis.', '--dry-run: nothing was written.'));
}
