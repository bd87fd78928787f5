import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TOOL } from '../version.js';

/**
 * A plain-text log per period in the output folder (`appraise-<period>.log`), appended to by every
 * run, so an administrator can see afterwards what a nightly job did. Each line goes to the kernel
 * with one synchronous write on a file opened for appending: a crash loses nothing written before
 * it, and lines of two runs never interleave mid-line (O_APPEND).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface RunLog {
  readonly path: string;
  /** One entry; a multi-line text becomes several lines, each with the timestamp and level. */
  line(level: LogLevel, text: string): void;
  /** Writes the closing line and closes the file; later calls of line() and close() do nothing. */
  close(summary?: string): void;
}

export interface RunLogOptions {
  /** The command line of this run, for the header (default: the process arguments). */
  command?: string;
  now?: () => Date;
}

export function runLogPath(dir: string, period: string): string {
  return join(dir, `appraise-${period}.log`);
}

export function openRunLog(dir: string, period: string, options: RunLogOptions = {}): RunLog {
  const now = options.now ?? (() => new Date());
  mkdirSync(dir, { recursive: true });
  const path = runLogPath(dir, period);
  let fd: number | null = openSync(path, 'a');
  const command = options.command ?? ['appraise', ...process.argv.slice(2)].join(' ');

  const write = (level: string, text: string) => {
    if (fd === null) return;
    const stamp = now().toISOString();
    const tag = level.toUpperCase().padEnd(5);
    // Control characters other than tab would garble the log in a terminal; show them escaped.
    const lines = text.split(/\r\n|\r|\n/).map((l) => `${stamp} ${tag} ${escapeControls(l)}`);
    writeSync(fd, lines.join('\n') + '\n');
  };

  write('start', `${TOOL.name} ${TOOL.version} pid ${process.pid} ${hostname()} period ${period}: ${command}`);
  return {
    path,
    line: (level, text) => write(level, text),
    close(summary) {
      if (fd === null) return;
      write('end', summary ?? `pid ${process.pid}`);
      closeSync(fd);
      fd = null;
    },
  };
}

function escapeControls(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
