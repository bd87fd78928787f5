import type { Issue } from '../domain/issues.js';
import type { IssueDocument } from './results-json.js';

/**
 * One issue as every JSON output writes it (SPEC §6): all eight keys always present, absent
 * places as null, so a csv issue and an xlsx issue have the same shape.
 */
export function issueDocument(i: Issue): IssueDocument {
  return {
    file: i.file,
    sheet: i.sheet ?? null,
    row: i.row ?? null,
    column: i.column ?? null,
    code: i.code,
    severity: i.severity,
    message: i.message,
    hint: i.hint,
  };
}
