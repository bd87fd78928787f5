import { Command, Option } from 'commander';
import { Context, type CliIO, type GlobalOptions } from './context.js';
import { feedbackCommand } from './commands/feedback.js';
import { initCommand } from './commands/init.js';
import { runCommand } from './commands/run.js';
import { explainCommand } from './commands/explain.js';
import { diffCommand } from './commands/diff.js';
import { templateCommand } from './commands/template.js';
import { trainingCommand } from './commands/training.js';
import { validateCommand } from './commands/validate.js';
import { convertCommand } from './commands/convert.js';
import { importCommand } from './commands/import.js';
import { INPUT_KINDS } from '../config/schema.js';
import { TOOL } from '../version.js';

/**
 * The command tree. Each action builds the Context from the global flags and calls one function;
 * the commands hold no scoring or formatting logic of their own.
 */
export function buildProgram(io: CliIO): Command {
  const program = new Command();
  // Set before the subcommands are added: they inherit these settings.
  program.exitOverride();
  program.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
  });
  const ctxOf = (cmd: Command) => new Context(io, cmd.optsWithGlobals<GlobalOptions>());

  program
    .name('appraise')
    .description('Penilaian kinerja ASN: impor data, hitung nilai, laporan Excel, rekomendasi pelatihan.\nPerformance appraisal of Indonesian civil servants (ASN).')
    .version(TOOL.version, '-V, --version')
    .option('-w, --workspace <dir>', 'workspace folder (default: search upward for appraise.config.yaml; or APPRAISE_WORKSPACE)')
    .option('--json', 'print one JSON document on stdout and nothing else')
    .option('-q, --quiet', 'print only errors')
    .option('-v, --verbose', 'print details and stack traces')
    .option('--no-color', 'no colours (also NO_COLOR, TERM=dumb, or when output is not a terminal)')
    .option('--no-input', 'never prompt (also when stdin/stdout is not a terminal or CI is set)')
    .addOption(new Option('--lang <lang>', 'language of messages and reports').choices(['id', 'en']))
    .showHelpAfterError()
    .addHelpText('after', `
Contoh / Examples:
  $ appraise init simeulue --organisation "Pemerintah Kabupaten Simeulue"
  $ appraise validate --period 2025-Q1
  $ appraise run --period 2025-Q1
  $ appraise run --period 2025-Q1 --strict --json > hasil.json
  $ appraise template pegawai -o pegawai.xlsx

Exit codes: 0 ok, 1 unexpected error, 2 usage or config error, 3 input data errors,
4 another run holds the workspace lock, 130 interrupted.`);

  program
    .command('init [dir]')
    .description('create a workspace: commented config, data/ layout and blank templates')
    .option('--organisation <name>', 'organisation name')
    .option('--regime <regime>', 'permenpan-6-2022 | pp-30-2019 | pp-46-2011')
    .option('--period-type <type>', 'quarter | semester | year | month')
    .option('--period <period>', 'first period folder to create, e.g. 2025-Q1')
    .option('-y, --yes', 'accept defaults without asking')
    .addHelpText('after', '\nExamples:\n  $ appraise init\n  $ appraise init simeulue --organisation "Pemerintah Kabupaten Simeulue" --period 2025-Q1 --yes')
    .action((dir: string | undefined, opts, cmd: Command) => initCommand(ctxOf(cmd), dir, opts));

  program
    .command('template <kind>')
    .description(`blank xlsx input template with dropdowns (${INPUT_KINDS.join(', ')})`)
    .option('-o, --output <file>', 'file to write (default: <kind>.xlsx)')
    .option('--force', 'overwrite an existing file')
    .addHelpText('after', '\nExamples:\n  $ appraise template pegawai\n  $ appraise template indikator -o data/2025-Q1/indikator.xlsx')
    .action((kind: string, opts, cmd: Command) => templateCommand(ctxOf(cmd), kind, opts));

  program
    .command('validate')
    .description('check every input of the period and the config; write nothing (exit 3 on data errors)')
    .option('-p, --period <period>', 'period: YYYY, YYYY-S1, YYYY-Q1..Q4 or YYYY-MM')
    .addHelpText('after', '\nExamples:\n  $ appraise validate --period 2025-Q1\n  $ appraise validate --period 2025-Q1 --json | jq .errors')
    .action((opts, cmd: Command) => validateCommand(ctxOf(cmd), opts));

  program
    .command('run')
    .description('validate, score and write the reports of the period')
    .option('-p, --period <period>', 'period: YYYY, YYYY-S1, YYYY-Q1..Q4 or YYYY-MM')
    .option('--strict', 'any data error fails the run (exit 3) and nothing is written')
    .option('--dry-run', 'score and summarise, write nothing')
    .option('-o, --out <dir>', 'output folder (default: laporan/<period>)')
    .option('--anonymize', 'replace NIPs and names by pseudonyms stable per workspace (P-3F9A2C1B), for sharing outside the HR office')
    .addHelpText('after', '\nExamples:\n  $ appraise run --period 2025-Q1\n  $ appraise run --period 2025-Q1 --strict --out /srv/laporan/2025-Q1\n  $ appraise run --period 2025-Q1 --json > hasil.json')
    .action((opts, cmd: Command) => runCommand(ctxOf(cmd), opts));

  program
    .command('feedback')
    .description('citizen satisfaction survey (IKM, PermenPANRB 14/2017) per unit and service: survei-kepuasan-<period>.xlsx and .json')
    .option('-p, --period <period>', 'period: YYYY, YYYY-S1, YYYY-Q1..Q4 or YYYY-MM')
    .option('--dry-run', 'compute and print the table, write nothing')
    .option('-o, --out <dir>', 'output folder (default: laporan/<period>)')
    .addHelpText('after', `
Reads every csv/xlsx file in data/<period>/umpan-balik/ (answers U1..U9 or by unsur name, 1-4),
merges them (the same respondent counts once) and prints IKM, mutu, weakest unsur, complaints and
sample adequacy (Jumlah Penerima Layanan from data/<period>/unit.xlsx) per unit and service.

Examples:
  $ appraise feedback --period 2025-Q1
  $ appraise feedback --period 2025-Q1 --lang en --dry-run
  $ appraise feedback --period 2025-Q1 --json | jq '.feedback.units[] | {unit, ikm, mutu}'`)
    .action((opts, cmd: Command) => feedbackCommand(ctxOf(cmd), opts));

  program
    .command('training')
    .description('training recommendations alone: rekomendasi-pelatihan-<period>.xlsx and .csv, and a table')
    .option('-p, --period <period>', 'period: YYYY, YYYY-S1, YYYY-Q1..Q4 or YYYY-MM')
    .option('--dry-run', 'show the recommendations, write nothing')
    .option('-o, --out <dir>', 'output folder (default: laporan/<period>)')
    .addHelpText('after', '\nExamples:\n  $ appraise training --period 2025-Q1\n  $ appraise training --period 2025-Q1 --json | jq .training.unmatched')
    .action((opts, cmd: Command) => trainingCommand(ctxOf(cmd), opts));

  program
    .command('convert <source>')
    .description('convert legacy SKP workbooks (PP 46/2011) or e-Kinerja exports; <source> is a file or a folder of workbooks')
    .option('--from <kind>', 'pp46 | ekinerja')
    .option('-o, --output <file>', 'pp46: the indicator file; ekinerja: the roster (.xlsx or .csv); companions are written beside it')
    .option('--strict', 'pp46: any difference from the recomputation or data error → exit 3, nothing written')
    .option('--force', 'overwrite existing files')
    .option('-p, --period <period>', 'ekinerja: write the predikat list to data/<period>/predikat-ekinerja.csv of the workspace')
    .option('--predikat <file>', 'ekinerja: where to write the predikat list (default: beside the roster)')
    .addHelpText('after', '\nExamples:\n  $ appraise convert skp-2019.xlsx --from pp46 -o skp-2019-indikator.xlsx\n  $ appraise convert arsip-skp/ --from pp46 -o indikator.csv --strict\n  $ appraise convert laporan-penilaian-skp.xlsx --from ekinerja -o data/pegawai.xlsx --period 2024')
    .action((source: string, opts, cmd: Command) => convertCommand(ctxOf(cmd), source, opts));

  program
    .command('import <kind> <file>')
    .description('bring a foreign roster, indicator, behaviour or feedback sheet into the workspace format (pegawai, indikator, perilaku, umpan-balik)')
    .option('-p, --period <period>', 'period: YYYY, YYYY-S1, YYYY-Q1..Q4 or YYYY-MM')
    .option('--map <file>', 'YAML column mapping: foreign header → canonical key (default: the config\'s columns mapping)')
    .option('--sheet <name>', 'read this sheet of the workbook')
    .option('-o, --output <file>', 'write here instead of data/ or data/<period>/')
    .option('--format <format>', 'xlsx | csv (default xlsx)')
    .option('--force', 'overwrite an existing file')
    .addHelpText('after', '\nExamples:\n  $ appraise import indikator iki-dinas.xlsx --period 2025-Q1 --map peta-kolom.yaml\n  $ appraise import pegawai siasn-export.csv --period 2025-Q1')
    .action((kind: string, file: string, opts, cmd: Command) => importCommand(ctxOf(cmd), kind, file, opts));

  program
    .command('explain <nip>')
    .description('how one employee\'s numbers came about, step by step, from the input cells (computed afresh)')
    .option('-p, --period <period>', 'period: YYYY, YYYY-S1, YYYY-Q1..Q4 or YYYY-MM')
    .option('-o, --output <file>', 'also write the steps to an xlsx file')
    .addHelpText('after', '\nExamples:\n  $ appraise explain 198503122010012003 --period 2025-Q1\n  $ appraise explain 198503122010012003 --period 2025-Q1 -o penjelasan.xlsx\n  $ appraise explain 198503122010012003 --period 2025-Q1 --json')
    .action((nip: string, opts, cmd: Command) => explainCommand(ctxOf(cmd), nip, opts));

  program
    .command('diff')
    .description('who changed predikat, ratings, score band or unit between two periods or result files, and why')
    .option('--from <period>', 'earlier period, computed from the workspace')
    .option('--to <period>', 'later period, computed from the workspace')
    .option('--from-file <hasil.json>', 'earlier results file instead of a period')
    .option('--to-file <hasil.json>', 'later results file instead of a period')
    .option('-o, --output <file>', 'also write the changes to an xlsx file')
    .addHelpText('after', '\nExamples:\n  $ appraise diff --from 2025-Q1 --to 2025-Q2\n  $ appraise diff --from-file laporan/2025-Q1/hasil-2025-Q1.json --to-file laporan/2025-Q2/hasil-2025-Q2.json --json\n  $ appraise diff --from 2025-Q1 --to 2025-Q2 -o perubahan.xlsx')
    .action((opts, cmd: Command) => diffCommand(ctxOf(cmd), opts));

  return program;
}
