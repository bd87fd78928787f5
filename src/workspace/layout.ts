import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Config, InputKind } from '../config/schema.js';
import type { IssueSink } from '../domain/issues.js';
import type { Period } from '../domain/period.js';

/** Where a workspace keeps its inputs and outputs (SPEC §1). */
export interface InputLocation {
  kind: InputKind;
  path: string;
  /** Relative to the workspace, forward slashes: what users see in messages. */
  display: string;
}

/** Inputs that a period folder may override with its own copy. */
const SHARED_KINDS: ReadonlySet<InputKind> = new Set(['pegawai', 'katalog-pelatihan']);

export function displayPath(workspace: string, path: string): string {
  return relative(workspace, path).split(sep).join('/');
}

export function dataDir(workspace: string, config: Config): string {
  return join(workspace, config.paths.data);
}

export function periodDir(workspace: string, config: Config, period: Period): string {
  return join(dataDir(workspace, config), period.id);
}

export function outputDir(workspace: string, config: Config, period: Period): string {
  return join(workspace, config.paths.output, period.id);
}

/**
 * Finds `<kind>.xlsx` or `<kind>.csv`: in the period folder, or for the roster and the catalogue
 * also in data/. Both formats side by side is an error: we would not know which one is current.
 */
export function locateInput(workspace: string, config: Config, period: Period, kind: InputKind, sink: IssueSink): InputLocation | null {
  const dirs = [periodDir(workspace, config, period)];
  if (SHARED_KINDS.has(kind)) dirs.push(dataDir(workspace, config));
  for (const dir of dirs) {
    const found = ['xlsx', 'csv'].map((ext) => join(dir, `${kind}.${ext}`)).filter((p) => existsSync(p));
    if (found.length === 2) {
      const [a, b] = found.map((p) => displayPath(workspace, p));
      sink.error('INPUT_AMBIGUOUS', { file: a! }, {
        id: `${a} dan ${b} sama-sama ada; tidak jelas mana yang berlaku.`,
        en: `Both ${a} and ${b} exist; it is unclear which one is current.`,
      }, { id: 'Hapus atau pindahkan salah satunya.', en: 'Delete or move one of them.' });
      return null;
    }
    if (found.length === 1) return { kind, path: found[0]!, display: displayPath(workspace, found[0]!) };
  }
  return null;
}

/** Every csv/xlsx file in data/<period>/umpan-balik/, sorted by name (Excel's ~$ lock files skipped). */
export function locateFeedbackFiles(workspace: string, config: Config, period: Period): InputLocation[] {
  const dir = join(periodDir(workspace, config, period), 'umpan-balik');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((n) => /\.(csv|xlsx)$/i.test(n) && !n.startsWith('~$') && !n.startsWith('.'))
    .sort()
    .map((n) => ({ kind: 'umpan-balik' as const, path: join(dir, n), display: displayPath(workspace, join(dir, n)) }));
}
