import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { configSchema, REGIMES, type Regime } from '../config/schema.js';
import type { Lang } from '../domain/i18n.js';
import { parsePeriod, type PeriodKind } from '../domain/period.js';
import { writeTemplate } from './template.js';

/**
 * `appraise init` (SPEC §1): a commented config, the folder layout and blank input templates.
 * The config is the shipped template with the answers put in line by line, so that every comment
 * stays where the user will look for it.
 */

/** The package's templates/ folder: this file runs from src/workspace/ (tests) or dist/workspace/ (built). */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const CONFIG_TEMPLATE = join(TEMPLATES_DIR, 'appraise.config.yaml');
export const CONFIG_FILE = 'appraise.config.yaml';

/** Any of these makes a folder a workspace already (SPEC §1: `.yaml` or `.json`). */
const EXISTING_CONFIG_NAMES = ['appraise.config.yaml', 'appraise.config.yml', 'appraise.config.json'];

export type InitErrorCode = 'WORKSPACE_EXISTS' | 'INVALID_ANSWER';

/** Carries a stable `code`; the CLI maps both codes to exit 2 (usage or config error). */
export class InitError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly code: InitErrorCode,
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = 'InitError';
  }
}

export interface InitAnswers {
  organisation: string;
  regime: Regime;
  periodType: PeriodKind;
  language: Lang;
  /** The first period folder to create; default: the period of `periodType` that contains today. */
  period?: string;
}

export interface InitOptions {
  /** "Today", for the default period (tests pin it). */
  now?: Date;
}

/** The period of the given kind that contains `now` (UTC), e.g. quarter on 2025-05-10 → `2025-Q2`. */
export function currentPeriodId(kind: PeriodKind, now: Date): string {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  switch (kind) {
    case 'year': return String(y);
    case 'semester': return `${y}-S${m < 6 ? 1 : 2}`;
    case 'quarter': return `${y}-Q${Math.floor(m / 3) + 1}`;
    case 'month': return `${y}-${String(m + 1).padStart(2, '0')}`;
  }
}

/**
 * Puts the answers into the config template. Each key must sit on exactly one top-level line
 * (`key: value`); the replacement is a JSON string, which is valid YAML for any text.
 */
export function renderConfig(template: string, answers: Pick<InitAnswers, 'organisation' | 'regime' | 'periodType' | 'language'>): string {
  const values: Record<string, string> = {
    organisation: answers.organisation,
    regime: answers.regime,
    language: answers.language,
    periodType: answers.periodType,
  };
  let out = template;
  for (const [key, value] of Object.entries(values)) {
    const line = new RegExp(`^${key}:.*$`, 'gm');
    const count = out.match(line)?.length ?? 0;
    if (count !== 1) throw new Error(`config template: expected one top-level "${key}:" line, found ${count}`);
    // Plain scalars stay plain for readability; anything YAML might misread is quoted.
    const plain = /^[A-Za-z][A-Za-z0-9 .,()/-]*$/.test(value) && parseYaml(value) === value;
    const scalar = plain ? value : JSON.stringify(value);
    out = out.replace(line, () => `${key}: ${scalar}`);
  }
  return out;
}

function validateAnswers(answers: InitAnswers): string {
  const bad = (field: string, given: string, expected: string): InitError =>
    new InitError('INVALID_ANSWER', `Invalid ${field}: "${given}"`, `Use ${expected}.`);
  if (answers.organisation.trim() === '') throw bad('organisation', answers.organisation, 'the name of the organisation');
  if (!(REGIMES as readonly string[]).includes(answers.regime)) throw bad('regime', answers.regime, REGIMES.join(', '));
  if (answers.language !== 'id' && answers.language !== 'en') throw bad('language', answers.language, 'id or en');
  const kinds = ['quarter', 'semester', 'year', 'month'];
  if (!kinds.includes(answers.periodType)) throw bad('periodType', answers.periodType, kinds.join(', '));
  return answers.organisation.trim();
}

function existingConfig(dir: string): string | null {
  for (const name of EXISTING_CONFIG_NAMES) if (existsSync(join(dir, name))) return name;
  return null;
}

function existsError(dir: string, name: string): InitError {
  return new InitError(
    'WORKSPACE_EXISTS',
    `${join(dir, name)} already exists; init does not overwrite a workspace.`,
    'Edit the existing config, or run init in an empty folder.',
  );
}

/**
 * Creates a workspace in `dir` and returns the paths written, relative to `dir`, with `/`
 * separators (folders end in `/`). Refuses a folder that already has a config; input files that
 * already exist (e.g. a roster copied in beforehand) are kept, not replaced by blank templates.
 */
export async function initWorkspace(dir: string, answers: InitAnswers, options: InitOptions = {}): Promise<string[]> {
  const organisation = validateAnswers(answers);
  const periodId = answers.period ?? currentPeriodId(answers.periodType, options.now ?? new Date());
  const period = parsePeriod(periodId);
  if (!period) {
    throw new InitError('INVALID_ANSWER', `Invalid period: "${periodId}"`, 'Use YYYY, YYYY-S1, YYYY-Q1 … YYYY-Q4 or YYYY-MM.');
  }
  const found = existingConfig(dir);
  if (found) throw existsError(dir, found);

  const config = renderConfig(await readFile(CONFIG_TEMPLATE, 'utf8'), { ...answers, organisation });
  // The shipped template must stay valid; a broken one is our bug, not the user's.
  configSchema.parse(parseYaml(config));

  const written: string[] = [];
  const dirs = ['data/', `data/${period.id}/`, `data/${period.id}/umpan-balik/`, 'laporan/'];
  await mkdir(dir, { recursive: true });
  for (const d of dirs) {
    const abs = join(dir, d);
    if (!existsSync(abs)) {
      await mkdir(abs, { recursive: true });
      written.push(d);
    }
  }
  const templates = [
    { kind: 'pegawai' as const, rel: 'data/pegawai.xlsx' },
    { kind: 'indikator' as const, rel: `data/${period.id}/indikator.xlsx` },
  ];
  for (const t of templates) {
    const abs = join(dir, t.rel);
    if (existsSync(abs) || existsSync(abs.replace(/\.xlsx$/, '.csv'))) continue;
    await writeTemplate(t.kind, abs, answers.language);
    written.push(t.rel);
  }
  // Last and exclusive: a failure above leaves no config, so init can simply be run again,
  // and a config created meanwhile by someone else is never overwritten.
  try {
    await writeFile(join(dir, CONFIG_FILE), config, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw existsError(dir, CONFIG_FILE);
    throw e;
  }
  written.unshift(CONFIG_FILE);
  return written;
}
