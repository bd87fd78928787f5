import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';

/**
 * The workspace secret behind `run --anonymize` pseudonyms: 32 random bytes in
 * `<workspace>/.appraise-secret`, created once (mode 0600) and never rewritten, so the same NIP
 * gets the same pseudonym in every period and every run of this workspace, and a different one in
 * another workspace. Whoever holds the file can test a guessed NIP against a pseudonym: keep it
 * out of version control (we add it to the workspace's .gitignore) and do not share it.
 */
export const SECRET_FILE = '.appraise-secret';

export interface WorkspaceSecret {
  key: Buffer;
  path: string;
  /** True when this call created the file. */
  created: boolean;
}

export function workspaceSecret(workspace: string, lang: Lang): WorkspaceSecret {
  const path = join(workspace, SECRET_FILE);
  let created = false;
  if (!existsSync(path)) {
    let fd: number | null = null;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (e) {
      // Another run created it a moment ago: use theirs.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (fd !== null) {
      try {
        writeSync(fd, randomBytes(32).toString('hex') + '\n');
      } finally {
        closeSync(fd);
      }
      created = true;
      ignoreInGit(workspace);
    }
  }
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) {
    // Never replace it silently: every pseudonym handed out so far would change.
    throw new AppError(
      EXIT.usage,
      lang === 'id' ? `${path} bukan rahasia ruang kerja yang sah (harus 64 digit heksadesimal).` : `${path} is not a valid workspace secret (64 hexadecimal digits expected).`,
      lang === 'id'
        ? 'Pulihkan berkas itu dari cadangan. Menghapusnya membuat rahasia baru: semua pseudonim akan berubah.'
        : 'Restore the file from a backup. Deleting it makes a new secret: every pseudonym will change.',
    );
  }
  return { key: Buffer.from(text, 'hex'), path, created };
}

function ignoreInGit(workspace: string): void {
  const gitignore = join(workspace, '.gitignore');
  const current = existsSync(gitignore) ? readFileSync(gitignore, 'utf8') : '';
  if (current.split(/\r?\n/).some((l) => l.trim() === SECRET_FILE || l.trim() === `/${SECRET_FILE}`)) return;
  appendFileSync(gitignore, `${current === '' || current.endsWith('\n') ? '' : '\n'}${SECRET_FILE}\n`);
}
