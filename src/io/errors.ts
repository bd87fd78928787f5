import type { Text } from '../domain/i18n.js';
import type { CellPlace } from '../domain/place.js';
import { formatPlace } from '../domain/place.js';

/**
 * A file that cannot be read as a spreadsheet (missing, corrupt, malformed csv). Carries a stable
 * code, the place (file, and line/row when known), and a bilingual message and hint, so callers can
 * turn it into an Issue or a CLI error without parsing strings.
 */
export class IoError extends Error {
  constructor(
    readonly code: string,
    readonly place: CellPlace,
    readonly text: Text,
    readonly hint: Text,
    options?: { cause?: unknown },
  ) {
    super(`${formatPlace(place)}: ${text.en}`, options);
    this.name = 'IoError';
  }
}

/** Errors from the file system, reworded for people. */
export function fileError(err: unknown, displayName: string): IoError {
  if (err instanceof IoError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const place = { file: displayName };
  if (code === 'ENOENT') {
    return new IoError(
      'FILE_NOT_FOUND',
      place,
      { id: 'Berkas tidak ditemukan.', en: 'File not found.' },
      { id: 'Periksa nama dan letak berkas.', en: 'Check the name and location of the file.' },
      { cause: err },
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new IoError(
    'FILE_UNREADABLE',
    place,
    { id: `Berkas tidak dapat dibaca: ${detail}`, en: `The file cannot be read: ${detail}` },
    {
      id: 'Pastikan berkas tidak sedang dikunci program lain dan tidak rusak; simpan ulang dari Excel bila perlu.',
      en: 'Make sure the file is not locked by another program and is not damaged; save it again from Excel if needed.',
    },
    { cause: err },
  );
}
