import type { Context } from '../context.js';
import { computeRun } from '../../pipeline/run.js';
import { issueDocument } from '../../reports/issues-json.js';
import { renderIssues } from '../../reports/terminal.js';
import { AppError, EXIT } from '../../domain/errors.js';

export interface ValidateOptions {
  period?: string;
}

/** `appraise validate --period P`: check every input and the config; write nothing. */
export async function validateCommand(ctx: Context, opts: ValidateOptions): Promise<void> {
  const { workspace, loaded } = ctx.loadWorkspace();
  const period = ctx.period(opts.period);
  const run = await computeRun({ workspace, loaded, period, lang: ctx.lang, progress: (t) => ctx.progress(t) });
  ctx.endProgress();
  const errors = run.issues.filter((i) => i.severity === 'error').length;
  if (ctx.json) {
    ctx.printJson({ period: period.id, ok: errors === 0, errors, warnings: run.issues.length - errors, inputs: run.inputs, issues: run.issues.map(issueDocument) });
  } else {
    ctx.print(renderIssues(run.issues, { color: ctx.color, lang: ctx.lang }));
    // --quiet prints only errors: the data errors themselves, on stderr.
    const errorIssues = run.issues.filter((i) => i.severity === 'error');
    if (ctx.quiet && errorIssues.length > 0) {
      ctx.io.stderr.write(renderIssues(errorIssues, { color: ctx.color && ctx.io.stderrIsTTY, lang: ctx.lang }) + '\n');
    }
    for (const f of run.inputs) {
      ctx.print(ctx.tr(`${f.file}: ${f.read} baris dibaca, ${f.accepted} diterima, ${f.rejected} ditolak`, `${f.file}: ${f.read} rows read, ${f.accepted} accepted, ${f.rejected} rejected`));
    }
  }
  if (errors > 0) {
    throw new AppError(EXIT.data, ctx.tr(`${errors} galat data ditemukan.`, `${errors} data error(s) found.`),
      ctx.tr('Perbaiki sel yang disebut, lalu jalankan validate lagi.', 'Fix the cells listed, then run validate again.'));
  }
  if (!ctx.json) ctx.print(ctx.tr('Semua masukan valid.', 'All inputs are valid.'));
}
