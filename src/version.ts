import { readFileSync } from 'node:fs';

/** The tool's name and version, read once from package.json (two levels above src/ and dist/). */
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
export const TOOL = { name: pkg.name, version: pkg.version } as const;
