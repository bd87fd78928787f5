import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { AppError, EXIT } from '../../domain/errors.js';
import { computeRun } from '../../pipeline/run.js';
import type { RunResult } from '../../pipeline/types.js';
import { buildExplanation, explanationSheet, renderExplanation } from '../../reports/explain.js';
import { writeWorkbookAtomically } from '../../reports/workbook.js';

export interface ExplainOptions {
  period?: string;
  output?: string;
}

/**
 * `appraise explain <nip> --period P`: how one employee's numbers came about. The period is
 * computed afresh (the same computeRun as `run`), so the explanation matches the current inputs.
 * It only reads the workspace: no lock, no log.
 */
export async function explainCommand(ctx: Context, nipArg: string, opts: ExplainOptions): Promise<void> {
  const { workspace, loaded } = ctx.loadWorkspace();
  const period = ctx.period(opts.period);
  if (opts.output !== undefined && !/\.xlsx$/i.test(opts.output)) {
    throw new AppError(EXIT.usage, ctx.tr(`-o harus berupa berkas .xlsx, bukan '${opts.output}'.`, `-o must name an .xlsx file, not '${opts.output}'.`),
      ctx.tr('Contoh: -o penjelasan.xlsx', 'Example: -o explanation.xlsx'));
  }
  const nip = nipArg.replace(/[\s.\u00a0]/g, '');
  const run = await computeRun({ workspace, loaded, period, lang: ctx.lang, progress: (t) => ctx.progress(t) });
  ctx.endProgress();
  const doc = buildExplanation(run, nip);
  if (doc === null) throw unknownNip(ctx, run, nipArg, nip);

  let written: string | null = null;
  if (opts.output !== undefined) {
    const path = resolve(ctx.io.cwd, opts.output);
    // No run time inside: a fixed document date keeps the file reproducible.
    written = await writeWorkbookAtomically(path, [explanationSheet(doc, ctx.lang)], new Date(run.period.end.getTime()));
  }

  if (ctx.json) {
    ctx.printJson({ ...doc, outputs: written ? [written] : [] });
    return;
  }
  ctx.print(renderExplanation(doc, { color: ctx.color, lang: ctx.lang }));
  if (written) ctx.print('\n' + ctx.tr(`Ditulis: ${written}`, `Written: ${written}`));
}

/**
 * An unknown NIP is a usage error (exit 2): the argument is wrong, the data may be fine. Exit 3
 * is kept for data errors found in the inputs. The hint names the closest NIPs of the roster.
 */
function unknownNip(ctx: Context, run: RunResult, raw: string, nip: string): AppError {
  if (!/^\d{18}$/.test(nip)) {
    return new AppError(EXIT.usage, ctx.tr(`'${raw}' bukan NIP: NIP terdiri dari 18 angka.`, `'${raw}' is not a NIP: a NIP has 18 digits.`),
      ctx.tr('Contoh: appraise explain 198503122010012003 --period 2025-Q1', 'Example: appraise explain 198503122010012003 --period 2025-Q1'));
  }
  const near = run.employees
    .map((e) => ({ e: e.employee, d: differing(e.employee.nip, nip) }))
    .filter((x) => x.d <= 3)
    .sort((a, b) => a.d - b.d || (a.e.nip < b.e.nip ? -1 : 1))
    .slice(0, 3)
    .map((x) => `${x.e.nip} ${x.e.name}`);
  const rosterErrors = run.issues.some((i) => i.severity === 'error' && run.inputs.some((f) => f.kind === 'pegawai' && f.file === i.file));
  const hints: string[] = [];
  if (near.length > 0) hints.push(ctx.tr(`NIP yang mirip: ${near.join('; ')}.`, `Similar NIPs: ${near.join('; ')}.`));
  if (rosterErrors) hints.push(ctx.tr(`Daftar pegawai memiliki baris yang ditolak: periksa dengan appraise validate --period ${run.period.id}.`, `The roster has rejected rows: check with appraise validate --period ${run.period.id}.`));
  if (hints.length === 0) hints.push(ctx.tr('Periksa NIP di daftar pegawai (sheet Pegawai pada laporan).', 'Check the NIP in the roster (the Pegawai sheet of the report).'));
  return new AppError(EXIT.usage,
    ctx.tr(`NIP ${nip} tidak ada di antara ${run.employees.length} pegawai periode ${run.period.id}.`, `NIP ${nip} is not among the ${run.employees.length} employees of period ${run.period.id}.`),
    hints.join(' '));
}

function differing(a: string, b: string): number {
  let d = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) d++;
  return d;
}
