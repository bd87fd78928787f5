import { Chalk, type ChalkInstance } from 'chalk';
import type { Writable } from 'node:stream';
import { loadConfig, findWorkspace, type LoadedConfig } from '../config/load.js';
import { AppError, EXIT } from '../domain/errors.js';
import type { Lang } from '../domain/i18n.js';
import { parsePeriod, type Period } from '../domain/period.js';

/**
 * The I/O of one invocation, injected so that tests can capture output and flip terminal modes
 * (ARCHITECTURE.md: the GitHub CLI's design). Nothing else in the program touches process.*.
 */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  stdin: NodeJS.ReadableStream;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Set once a command has printed its --json document, so main adds no second one on error. */
  jsonPrinted?: boolean;
}

export function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** Global flags (SPEC §7). */
export interface GlobalOptions {
  workspace?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  input?: boolean;
  lang?: string;
}

export class Context {
  /** Language: --lang, else the config's `language`, else Indonesian. */
  lang: Lang;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** Colour on stdout; decided once (NO_COLOR, TERM=dumb, --no-color, non-terminal → off). */
  readonly color: boolean;
  readonly chalk: ChalkInstance;
  /** Prompts allowed: both stdin and stdout are terminals, no --no-input, no CI. */
  readonly interactive: boolean;
  private readonly langFromFlag: boolean;

  constructor(
    readonly io: CliIO,
    readonly options: GlobalOptions,
  ) {
    const langFlag = options.lang ?? io.env.APPRAISE_LANG;
    if (langFlag !== undefined && langFlag !== 'id' && langFlag !== 'en') {
      // The language is what is wrong, so say it in both.
      const from = options.lang !== undefined ? '--lang' : 'APPRAISE_LANG';
      throw new AppError(EXIT.usage,
        `${from} harus 'id' atau 'en', bukan '${langFlag}' / ${from} must be 'id' or 'en', not '${langFlag}'.`,
        `Gunakan ${from}=id atau ${from}=en / Use ${from}=id or ${from}=en.`.replace(/--lang=/g, '--lang '));
    }
    this.langFromFlag = langFlag !== undefined;
    this.lang = (langFlag as Lang | undefined) ?? 'id';
    this.json = Boolean(options.json);
    this.quiet = Boolean(options.quiet);
    this.verbose = Boolean(options.verbose);
    const env = io.env;
    const noColor = options.color === false || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.TERM === 'dumb';
    this.color = !noColor && io.stdoutIsTTY;
    this.chalk = new Chalk({ level: this.color ? 1 : 0 });
    this.interactive = options.input !== false && io.stdinIsTTY && io.stdoutIsTTY && !env.CI;
  }

  /** Chooses the message language; call once the config is known. */
  adoptConfigLanguage(language: Lang): void {
    if (!this.langFromFlag) this.lang = language;
  }

  /** Text for people on stdout: silent under --json (stdout holds one document) and --quiet. */
  print(text: string): void {
    if (this.json || this.quiet) return;
    this.io.stdout.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** The one JSON document of --json. */
  printJson(doc: unknown): void {
    this.io.jsonPrinted = true;
    this.io.stdout.write(JSON.stringify(doc, null, 2) + '\n');
  }

  /** Status lines on stderr, off under --quiet. */
  info(text: string): void {
    if (this.quiet) return;
    this.io.stderr.write(text + '\n');
  }

  /** Details only under --verbose. */
  debug(text: string): void {
    if (this.verbose) this.io.stderr.write(text + '\n');
  }

  /** Progress on stderr: on a terminal a rewritten line, elsewhere a plain line; none under --json/--quiet. */
  progress(text: string): void {
    if (this.json || this.quiet) return;
    if (this.io.stderrIsTTY) this.io.stderr.write(`\r\u001b[2K${text}…`);
    else this.io.stderr.write(`${text}\n`);
  }

  endProgress(): void {
    if (this.json || this.quiet || !this.io.stderrIsTTY) return;
    this.io.stderr.write('\r\u001b[2K');
  }

  tr(id: string, en: string): string {
    return this.lang === 'id' ? id : en;
  }

  /** Workspace discovery and config validation, adopting the config's language. */
  loadWorkspace(): { workspace: string; loaded: LoadedConfig } {
    const workspace = findWorkspace(this.io.cwd, this.options.workspace, this.io.env, this.lang);
    const loaded = loadConfig(workspace, this.lang);
    this.adoptConfigLanguage(loaded.config.language);
    return { workspace, loaded };
  }

  period(text: string | undefined): Period {
    if (!text) {
      throw new AppError(EXIT.usage, this.tr('Periode belum diberikan.', 'No period given.'),
        this.tr('Tambahkan --period, mis. --period 2025-Q1.', 'Pass --period, e.g. --period 2025-Q1.'));
    }
    const p = parsePeriod(text);
    if (!p) {
      throw new AppError(EXIT.usage, this.tr(`Periode '${text}' tidak dikenal.`, `Unknown period '${text}'.`),
        this.tr('Gunakan YYYY, YYYY-S1, YYYY-Q1..Q4 atau YYYY-MM, mis. 2025-Q1.', 'Use YYYY, YYYY-S1, YYYY-Q1..Q4 or YYYY-MM, e.g. 2025-Q1.'));
    }
    return p;
  }
}
