import { CommanderError } from 'commander';
import { AppError, EXIT } from '../domain/errors.js';
import { processIO, type CliIO } from './context.js';
import { buildProgram } from './program.js';
import { abortAllOutputs } from '../workspace/atomic.js';
import { releaseAllLocks } from '../workspace/lock.js';
import { interruptAllSessions } from '../workspace/session.js';

/**
 * Runs one invocation and returns the exit code; the caller sets process.exitCode. Nothing here
 * calls process.exit on the normal path, so large outputs to a pipe are never cut short.
 */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const verbose = argv.includes('-v') || argv.includes('--verbose');
  const json = argv.includes('--json');
  const onPipeError = (e: NodeJS.ErrnoException) => {
    // `appraise … | head` (or `2>&1 | head`): the reader went away. End quietly, but let the
    // command finish and keep its exit code: validate with data errors still exits 3, and a run
    // still writes its reports.
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
    throw e;
  };
  io.stdout.on('error', onPipeError);
  io.stderr.on('error', onPipeError);
  const onSigint = (signal: NodeJS.Signals) => {
    // No partial files, a note in the run log, no lock left behind; the previous reports stay.
    abortAllOutputs();
    interruptAllSessions(signal);
    releaseAllLocks();
    io.stderr.write('\nappraise: dihentikan / interrupted\n');
    process.exit(EXIT.interrupted);
  };
  process.once('SIGINT', onSigint);
  process.once('SIGTERM', onSigint);

  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (caught) {
    const e = environmentError(caught) ?? caught;
    const code = reportError(e, io, verbose);
    // --json promises one document on stdout (SPEC §7): a failure before the command printed its
    // own gets an error document, so a cron job's `> last-run.json` always parses.
    if (json && code !== EXIT.ok && !io.jsonPrinted) io.stdout.write(JSON.stringify(errorDocument(e, code), null, 2) + '\n');
    return code;
  } finally {
    process.removeListener('SIGINT', onSigint);
    process.removeListener('SIGTERM', onSigint);
  }
}

/**
 * A full disk or an unwritable folder is the machine's state, not a bug: said as such, with what to
 * do, in both languages (the failing call may come before the command knows its language). The
 * outputs are written to temporary names and renamed at the end, so the previous reports are intact.
 */
export function environmentError(e: unknown): AppError | null {
  if (!(e instanceof Error)) return null;
  const { code, path } = e as NodeJS.ErrnoException;
  const where = path ? ` (${path})` : '';
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    const err = new AppError(EXIT.unexpected, `disk penuh / no space left on device${where}`,
      'Kosongkan ruang disk lalu jalankan lagi; laporan sebelumnya tidak berubah. / Free some disk space and run again; the previous reports are unchanged.');
    err.stack = e.stack ?? err.stack;
    return err;
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    const err = new AppError(EXIT.unexpected, `izin ditolak / permission denied${where}: ${e.message}`,
      'Periksa izin berkas atau folder itu (atau pilih folder keluaran lain dengan -o), lalu jalankan lagi. / Check the permissions of that file or folder (or choose another output folder with -o) and run again.');
    err.stack = e.stack ?? err.stack;
    return err;
  }
  return null;
}

function reportError(e: unknown, io: CliIO, verbose: boolean): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    return EXIT.usage; // commander has already printed the message and the help hint
  }
  if (e instanceof AppError) {
    const lines = [`appraise: ${e.message}`, ...e.details.map((d) => `  ${d}`)];
    if (e.hint) lines.push(`→ ${e.hint}`);
    io.stderr.write(lines.join('\n') + '\n');
    if (verbose && e.stack) io.stderr.write(e.stack + '\n');
    return e.exitCode;
  }
  const err = e as Error;
  io.stderr.write(`appraise: unexpected error: ${err?.message ?? String(e)}\n`);
  io.stderr.write(verbose && err?.stack ? err.stack + '\n' : '→ Run again with --verbose for the stack trace, and report it with the command you ran.\n');
  return EXIT.unexpected;
}

/** The --json document of a failed invocation. */
function errorDocument(e: unknown, exitCode: number): { ok: false; exitCode: number; error: { message: string; hint: string | null; details: string[] } } {
  if (e instanceof AppError) {
    return { ok: false, exitCode, error: { message: e.message, hint: e.hint ?? null, details: e.details } };
  }
  const message = e instanceof CommanderError ? e.message.replace(/^error: /, '') : ((e as Error)?.message ?? String(e));
  return { ok: false, exitCode, error: { message, hint: null, details: [] } };
}
