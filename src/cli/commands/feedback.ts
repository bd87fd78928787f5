import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { computeRun } from '../../pipeline/run.js';
import { buildSurveyDocument, surveyFileName } from '../../reports/feedback-json.js';
import { renderSurvey, writeSurveyWorkbook } from '../../reports/survey-report.js';
import { withRunSession } from '../../workspace/session.js';
import { outputDir } from '../../workspace/layout.js';

export interface FeedbackOptions {
  period?: string;
  out?: string;
  dryRun?: boolean;
}

/**
 * `appraise feedback --period P`: the survey (IKM) report alone (SPEC §4, §7):
 * survei-kepuasan-<period>.xlsx and .json, written atomically, and a table per unit and service.
 * The figures are the run's own (same pipeline), so they always match laporan-kinerja.
 */
export async function feedbackCommand(ctx: Context, opts: FeedbackOptions): Promise<void> {
  const { workspace, loaded } = ctx.loadWorkspace();
  const period = ctx.period(opts.period);
  const run = await computeRun({ workspace, loaded, period, lang: ctx.lang, progress: (t) => ctx.progress(t) });
  const doc = buildSurveyDocument(run);

  const written: string[] = [];
  if (!opts.dryRun && run.feedback) {
    const outDir = opts.out ? resolve(ctx.io.cwd, opts.out) : outputDir(workspace, loaded.config, period);
    // Locked and atomic like `run`; its own manifest so the full run's manifest.json stays.
    written.push(...await withRunSession({ ctx, workspace, config: loaded.config, period, outDir, manifestName: 'manifest-feedback.json' }, async (s) => {
      const xlsx = s.reserve(surveyFileName(period.id, 'xlsx'));
      await s.stage('xlsx', ctx.tr('Menulis laporan survei', 'Writing the survey report'), () => writeSurveyWorkbook(run, xlsx.tmp, ctx.lang));
      const json = s.reserve(surveyFileName(period.id, 'json'));
      writeFileSync(json.tmp, `${JSON.stringify(doc, null, 2)}\n`);
      return s.commit(run);
    }));
  }
  ctx.endProgress();

  if (ctx.json) {
    ctx.printJson({ ...doc, outputs: written, dryRun: Boolean(opts.dryRun) });
    return;
  }
  ctx.print(renderSurvey(run, { color: ctx.color, lang: ctx.lang, outputs: written }));
  if (opts.dryRun) ctx.print(ctx.tr('--dry-run: tidak ada berkas yang ditulis.', '--dry-run: nothing was written.'));
}
