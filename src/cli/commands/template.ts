import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { INPUT_KINDS, type InputKind } from '../../config/schema.js';
import { AppError, EXIT } from '../../domain/errors.js';
import { writeTemplate } from '../../workspace/template.js';

export interface TemplateOptions {
  output?: string;
  force?: boolean;
}

/** `appraise template <kind> [-o file]`: a blank xlsx input with dropdowns for enumerations. */
export async function templateCommand(ctx: Context, kind: string, opts: TemplateOptions): Promise<void> {
  if (!(INPUT_KINDS as readonly string[]).includes(kind)) {
    throw new AppError(EXIT.usage, ctx.tr(`Jenis templat '${kind}' tidak dikenal.`, `Unknown template kind '${kind}'.`),
      ctx.tr(`Pilih salah satu: ${INPUT_KINDS.join(', ')}.`, `Choose one of: ${INPUT_KINDS.join(', ')}.`));
  }
  const path = resolve(ctx.io.cwd, opts.output ?? `${kind}.xlsx`);
  if (!path.toLowerCase().endsWith('.xlsx')) {
    throw new AppError(EXIT.usage, ctx.tr('Templat ditulis sebagai .xlsx.', 'Templates are written as .xlsx.'), ctx.tr('Beri nama berkas berakhiran .xlsx pada -o.', 'Give -o a file name ending in .xlsx.'));
  }
  if (existsSync(path) && !opts.force) {
    throw new AppError(EXIT.usage, ctx.tr(`${path} sudah ada.`, `${path} already exists.`), ctx.tr('Pilih nama lain dengan -o, atau tambahkan --force untuk menimpa.', 'Choose another name with -o, or add --force to overwrite.'));
  }
  // Inside a workspace the Aspek dropdown offers that workspace's configured aspects.
  let aspects;
  try {
    aspects = ctx.loadWorkspace().loaded.config.aspects;
  } catch {
    aspects = undefined;
  }
  await writeTemplate(kind as InputKind, path, ctx.lang, aspects ? { aspects } : {});
  if (ctx.json) ctx.printJson({ kind, written: [path] });
  else ctx.print(ctx.tr(`Templat ${kind} ditulis: ${path}`, `Template ${kind} written: ${path}`));
}
