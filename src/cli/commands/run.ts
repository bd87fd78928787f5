import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { computeRun, type RunInput } from '../../pipeline/run.js';
import type { RunResult } from '../../pipeline/types.js';
import { anonymizeRun } from '../../reports/anonymize.js';
import { buildResultsDocument } from '../../reports/results-json.js';
import { runOutputs } from '../../reports/run-outputs.js';
import { issueDocument } from '../../reports/issues-json.js';
import { renderIssues, renderSummary } from '../../reports/terminal.js';
import { AppError, EXIT } from '../../domain/errors.js';
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
      // Every output; a large run's indicator csv is written while this thread computes (run-outputs.ts).
      const outputs = runOutputs(s, { config: loaded.config, period, lang: ctx.lang, anonymize: Boolean(opts.anonymize), env: ctx.io.env });
      try {
        const computed = await s.stage('compute', ctx.tr('Membaca dan menghitung', 'Reading and scoring'), () =>
          compute((t) => {
            ctx.progress(t);
            s.log.line('info', t);
          }, outputs.onIndicatorsRead));
        const errors = computed.issues.filter((i) => i.severity === 'error').length;
        s.log.line(errors > 0 ? 'warn' : 'info', `${computed.employees.length} employees, ${errors} data error(s), ${computed.issues.length - errors} other issue(s)`);
        strictCheck(computed);
        const result = opts.anonymize ? await s.stage('anonymize', ctx.tr('Pseudonim', 'Pseudonyms'), () => anonymize(computed)) : computed;
        await outputs.write(result);
        written = await s.commit(result, { anonymized: Boolean(opts.anonymize) });
        return result;
      } finally {
        // On every path: a run that fails or stops first (compute, --strict, an output) ends the
        // csv worker here, its file closed and removed, before the session aborts the batch.
        await outputs.stop();
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
