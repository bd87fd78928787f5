import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, basename } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';
import { configSchema, type Config } from './schema.js';

export const CONFIG_NAMES = ['appraise.config.yaml', 'appraise.config.yml', 'appraise.config.json'] as const;

export interface LoadedConfig {
  config: Config;
  /** Absolute path of the config file. */
  file: string;
  /** The workspace: the folder holding the config. */
  dir: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
}

function configIn(dir: string): string | null {
  for (const name of CONFIG_NAMES) {
    const p = join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * The workspace (SPEC §1): `-w DIR`, else APPRAISE_WORKSPACE, else the first folder upward from
 * `cwd` that holds an appraise.config.* file.
 */
export function findWorkspace(cwd: string, explicit: string | undefined, env: NodeJS.ProcessEnv, lang: Lang): string {
  const given = explicit ?? env.APPRAISE_WORKSPACE;
  if (given) {
    const dir = resolve(cwd, given);
    if (!configIn(dir)) {
      throw new AppError(
        EXIT.usage,
        lang === 'id' ? `Tidak ada appraise.config.yaml di ${dir}.` : `No appraise.config.yaml in ${dir}.`,
        lang === 'id' ? 'Periksa -w/APPRAISE_WORKSPACE, atau buat ruang kerja dengan `appraise init`.' : 'Check -w/APPRAISE_WORKSPACE, or create a workspace with `appraise init`.',
      );
    }
    return dir;
  }
  let dir = resolve(cwd);
  for (;;) {
    if (configIn(dir)) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new AppError(
    EXIT.usage,
    lang === 'id'
      ? `Tidak menemukan appraise.config.yaml di ${resolve(cwd)} atau folder di atasnya.`
      : `No appraise.config.yaml found in ${resolve(cwd)} or any folder above it.`,
    lang === 'id'
      ? 'Jalankan di dalam ruang kerja, beri -w DIR, atau buat ruang kerja dengan `appraise init`.'
      : 'Run inside a workspace, pass -w DIR, or create one with `appraise init`.',
  );
}

/** Reads and validates the config; every problem is reported as `path: message` (SPEC §1). */
export function loadConfig(dir: string, lang: Lang): LoadedConfig {
  const file = configIn(dir);
  if (!file) throw new AppError(EXIT.usage, lang === 'id' ? `Tidak ada appraise.config.yaml di ${dir}.` : `No appraise.config.yaml in ${dir}.`);
  const bytes = readFileSync(file);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    const where = e instanceof YAMLParseError && e.linePos ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    throw new AppError(
      EXIT.usage,
      (lang === 'id' ? 'Berkas konfigurasi tidak dapat dibaca: ' : 'The config file cannot be parsed: ') + basename(file) + where,
      lang === 'id' ? 'Perbaiki sintaks YAML/JSON pada baris yang disebut.' : 'Fix the YAML/JSON syntax at the line shown.',
      [(e as Error).message.split('\n')[0] ?? ''],
    );
  }
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const details = result.error.issues.map((i) => `${basename(file)}: ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError(
      EXIT.usage,
      lang === 'id'
        ? `Konfigurasi ${basename(file)} tidak valid (${details.length} masalah).`
        : `The config ${basename(file)} is invalid (${details.length} problem(s)).`,
      lang === 'id' ? 'Perbaiki setiap kunci yang disebut; templates/appraise.config.yaml menjelaskan semuanya.' : 'Fix each key listed; templates/appraise.config.yaml documents them all.',
      details,
    );
  }
  const config = result.data;
  const semantic = semanticProblems(config);
  if (semantic.length > 0) {
    throw new AppError(
      EXIT.usage,
      lang === 'id' ? `Konfigurasi ${basename(file)} tidak valid.` : `The config ${basename(file)} is invalid.`,
      undefined,
      semantic.map((s) => `${basename(file)}: ${s}`),
    );
  }
  return { config, file, dir, hash };
}

/** Rules a schema cannot express. */
function semanticProblems(config: Config): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  config.aspects.forEach((a, i) => {
    if (seen.has(a.key)) problems.push(`aspects.${i}.key: duplicate aspect '${a.key}'`);
    seen.add(a.key);
  });
  if (config.aspects.filter((a) => a.source === 'feedback').length > 1) {
    problems.push('aspects: only one aspect can take its score from citizen feedback');
  }
  if (config.scoring.sesuaiThreshold > config.scoring.diAtasThreshold) {
    problems.push('scoring.sesuaiThreshold: must not be above scoring.diAtasThreshold');
  }
  const w = config.behaviour.raterWeights;
  if (w.atasan + w.rekan + w.bawahan + w.diri <= 0) {
    problems.push('behaviour.raterWeights: at least one role needs a positive weight');
  }
  return problems;
}
