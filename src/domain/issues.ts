import type { CellPlace } from './place.js';
import type { Lang, Text } from './i18n.js';

export type Severity = 'error' | 'warning' | 'info';

/** One data problem, with its place, a stable code, a message and a hint (SPEC §2, §6). */
export interface Issue {
  file: string;
  sheet?: string;
  row?: number;
  column?: string;
  code: string;
  severity: Severity;
  message: string;
  hint: string;
}

/**
 * Collects issues in the chosen language. Ingest and engine code report through a sink and
 * never print; the CLI and the reports decide how to show them.
 */
export class IssueSink {
  readonly issues: Issue[] = [];
  constructor(readonly lang: Lang = 'id') {}

  add(severity: Severity, code: string, place: CellPlace, message: Text, hint: Text): Issue {
    const issue: Issue = {
      file: place.file,
      ...(place.sheet !== undefined ? { sheet: place.sheet } : {}),
      ...(place.row !== undefined ? { row: place.row } : {}),
      ...(place.column !== undefined ? { column: place.column } : {}),
      code,
      severity,
      message: message[this.lang],
      hint: hint[this.lang],
    };
    this.issues.push(issue);
    return issue;
  }

  error(code: string, place: CellPlace, message: Text, hint: Text): Issue {
    return this.add('error', code, place, message, hint);
  }

  warning(code: string, place: CellPlace, message: Text, hint: Text): Issue {
    return this.add('warning', code, place, message, hint);
  }

  get errorCount(): number {
    return this.issues.filter((i) => i.severity === 'error').length;
  }
}
