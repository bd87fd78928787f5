/**
 * Exit codes (SPEC §7) and the one error type that carries them. Commands throw; only the CLI's
 * main decides the process exit code, so output is never cut short by process.exit().
 */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  data: 3,
  locked: 4,
  interrupted: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class AppError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    /** What the user should do; printed last, where the eye lands. */
    readonly hint?: string,
    /** Further lines, e.g. every config problem as `path: message`. */
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}
