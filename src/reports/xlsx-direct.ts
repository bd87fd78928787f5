import { columnLetter } from '../domain/place.js';
import type { Lang } from '../domain/i18n.js';
import { ByteWriter } from '../io/byte-writer.js';
import type { FileDigest } from '../io/file-digest.js';
import { ZipWriter } from '../io/zip-writer.js';
import { cellNumFmt, layoutSheet, type LaidRow } from './sheet-layout.js';
import { isStyled, type CellData, type ColumnDef, type SheetContent } from './sheets/types.js';

/**
 * The large-run workbook writer: sheet XML encoded directly into byte chunks (byte-writer.ts;
 * repeated texts in a shared-strings table, unique ones inline, styles by index) and zipped by
 * ZipWriter, many times faster per cell than ExcelJS's streaming writer.
 * Same layout as the ExcelJS path (layoutSheet): frozen header row, filter on the first table,
 * fitted widths, Text-formatted NIPs. Holds no images (the caller writes them beside the file).
 * Deterministic: fixed document dates, fixed zip times, styles numbered in first-use order.
 */

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Built-in number formats (ECMA-376 §18.8.30); any other code gets an id from 164. */
const BUILTIN_NUM_FMT: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '@': 49 };

const HEADER_FILL = 'FFD9E1F2';

// Characters XML 1.0 cannot hold are dropped, as ExcelJS does; markup characters are escaped.
const NEEDS_ESCAPE = /[<>&"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
const ESCAPE_ALL = /[<>&"\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITY: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
export function xmlText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPE_ALL, (c) => ENTITY[c] ?? '') : s;
}

interface StyleKey {
  numFmt: number;
  font: number;
  fill: number;
  alignCenter: boolean;
}

/** Cell formats (cellXfs), fonts, fills and custom number formats, numbered as first used. */
class Styles {
  private readonly xfs: StyleKey[] = [{ numFmt: 0, font: 0, fill: 0, alignCenter: false }];
  private readonly xfIndex = new Map<string, number>([['0|0|0|', 0]]);
  /** Fonts: 0 regular, 1 bold, 2 bold 12 pt. */
  private readonly fills: string[] = [];
  private readonly fillIndex = new Map<string, number>();
  private readonly numFmts = new Map<string, number>();

  private fillId(argb: string | undefined): number {
    if (argb === undefined) return 0;
    let id = this.fillIndex.get(argb);
    if (id === undefined) {
      id = this.fills.length + 2; // 0 none and 1 gray125 are reserved
      this.fills.push(argb);
      this.fillIndex.set(argb, id);
    }
    return id;
  }

  private numFmtId(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtin = BUILTIN_NUM_FMT[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  /** Looks already numbered, by number format, fill and font × alignment: no key string per cell. */
  private readonly known = new Map<string | undefined, Map<string | undefined, number[]>>();

  /** The cellXfs index of a look. */
  id(numFmt: string | undefined, fill: string | undefined, font: 0 | 1 | 2, alignCenter = false): number {
    let byFill = this.known.get(numFmt);
    if (byFill === undefined) this.known.set(numFmt, (byFill = new Map()));
    let ids = byFill.get(fill);
    if (ids === undefined) byFill.set(fill, (ids = []));
    const slot = font * 2 + (alignCenter ? 1 : 0);
    return (ids[slot] ??= this.number(numFmt, fill, font, alignCenter));
  }

  private number(numFmt: string | undefined, fill: string | undefined, font: 0 | 1 | 2, alignCenter: boolean): number {
    const key: StyleKey = { numFmt: this.numFmtId(numFmt), font, fill: this.fillId(fill), alignCenter };
    const k = `${key.numFmt}|${key.font}|${key.fill}|${alignCenter ? 'c' : ''}`;
    let id = this.xfIndex.get(k);
    if (id === undefined) {
      id = this.xfs.length;
      this.xfs.push(key);
      this.xfIndex.set(k, id);
    }
    return id;
  }

  xml(): string {
    const font = (extra: string, size: number) => `<font>${extra}<sz val="${size}"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>`;
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`).join('');
    const fills = this.fills.map((argb) => `<fill><patternFill patternType="solid"><fgColor rgb="${xmlText(argb)}"/><bgColor indexed="64"/></patternFill></fill>`).join('');
    const xfs = this.xfs
      .map((x) => {
        const apply = `${x.numFmt ? ' applyNumberFormat="1"' : ''}${x.font ? ' applyFont="1"' : ''}${x.fill ? ' applyFill="1"' : ''}${x.alignCenter ? ' applyAlignment="1"' : ''}`;
        const attrs = `numFmtId="${x.numFmt}" fontId="${x.font}" fillId="${x.fill}" borderId="0" xfId="0"${apply}`;
        return x.alignCenter ? `<xf ${attrs}><alignment vertical="center"/></xf>` : `<xf ${attrs}/>`;
      })
      .join('');
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
      (this.numFmts.size ? `<numFmts count="${this.numFmts.size}">${numFmts}</numFmts>` : '') +
      `<fonts count="3">${font('', 11)}${font('<b/>', 11)}${font('<b/>', 12)}</fonts>` +
      `<fills count="${this.fills.length + 2}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>${fills}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${xfs}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}

/** True when a text starts or ends with a blank, which XML would not keep without xml:space. */
function edgeBlank(s: string): boolean {
  return isBlank(s.charCodeAt(0)) || isBlank(s.charCodeAt(s.length - 1));
}
function isBlank(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c >= 0x80 && /\s/.test(String.fromCharCode(c)));
}

/**
 * The shared-strings table (xl/sharedStrings.xml): a text that repeats (a unit, a rating, a
 * program, a reason) is written once and referred to by index, which made the Pelatihan,
 * Perilaku and Pegawai sheets' XML a fraction of its inline size. Bounded: past MAX_SHARED
 * texts or MAX_SHARED_CHARS characters, new texts stay inline.
 */
const MAX_SHARED = 1 << 18;
const MAX_SHARED_CHARS = 1 << 24;

class SharedStrings {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  /** Cells that refer to the table. */
  refs = 0;
  private chars = 0;

  /** The index of `s`, added when new; -1 when the table is full and `s` is not in it. */
  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      if (this.texts.length >= MAX_SHARED || this.chars + s.length > MAX_SHARED_CHARS) return -1;
      id = this.texts.length;
      this.texts.push(s);
      this.ids.set(s, id);
      this.chars += s.length;
    }
    this.refs++;
    return id;
  }

  get size(): number {
    return this.texts.length;
  }
}

/**
 * Whether a column's texts go to the shared table: its first SAMPLE_TEXTS texts do; the column
 * keeps sharing when at most half of them were new to the table (units, ratings, reasons), and
 * writes inline from then on otherwise (names, NIPs, cell places), so unique texts do not fill
 * the table.
 */
const SAMPLE_TEXTS = 256;
const SAMPLING = 0;
const SHARE = 1;
const INLINE = 2;

interface ColumnPlan {
  /** Style of a plain (unstyled) number cell and of a plain text or empty cell, per column. */
  numberStyle: number[];
  textStyle: number[];
  mode: Uint8Array;
  seen: Int32Array;
  added: Int32Array;
  /**
   * Each column's own texts and their shared indexes: a few hundred units or the three rating
   * labels stay in a small, cache-warm map instead of a lookup in the whole table per cell.
   */
  known: Map<string, number>[];
  /** The column's previous text and its index: rows sorted by unit repeat a text in runs. */
  lastText: (string | undefined)[];
  lastId: Int32Array;
}

/**
 * One row of a sheet as the writer takes it: a data row as its bare cells, any other row as laid
 * out. Compact, so that rows sent to the encoding worker carry no per-row object or columns.
 */
export type RowItem = CellData[] | Exclude<LaidRow, { kind: 'data' }>;

export function rowItem(laid: LaidRow): RowItem {
  return laid.kind === 'data' ? laid.cells : laid;
}

/** The rows of an open sheet: add() them, flush() when full, end() with the filter range. */
export interface SheetRows {
  add(item: RowItem): void;
  /** True when the encoded bytes should be handed on (await flush()) before the next row. */
  readonly full: boolean;
  flush(): Promise<void>;
  end(filterTo: { row: number; column: number } | null): Promise<void>;
}

export class DirectWorkbookWriter {
  private readonly zip: ZipWriter;
  private readonly styles = new Styles();
  private readonly shared = new SharedStrings();
  private readonly sheets: { name: string; filter: string | null }[] = [];
  /** Column letters by 1-based column, cached. */
  private readonly letters: string[] = [];

  constructor(path: string, private readonly fixedDate: Date) {
    // zlib level 2: deflate runs on the thread pool, but it shares the machine's cores with the
    // main thread and the encoder, and in a large run's output stage the second core is the one
    // that is short. On this sheet XML level 2 takes about half the CPU of level 3 for ~5% more
    // bytes (level 3 took half of level 6's for ~15% more). N = 100,000: run 13.1–14.7 →
    // 12.7–13.3 s, report workbook 39.0 → 40.9 MB.
    this.zip = new ZipWriter(path, 2);
  }

  private letter(col: number): string {
    return (this.letters[col] ??= columnLetter(col - 1)); // columnLetter is 0-based
  }

  private plan(columns: ColumnDef[]): ColumnPlan {
    const n = columns.length;
    return {
      numberStyle: columns.map((col) => this.styles.id(cellNumFmt(0, col, undefined), undefined, 0)),
      textStyle: columns.map((col) => this.styles.id(cellNumFmt('', col, undefined), undefined, 0)),
      mode: new Uint8Array(n),
      seen: new Int32Array(n),
      added: new Int32Array(n),
      known: columns.map(() => new Map<string, number>()),
      lastText: new Array<string | undefined>(n).fill(undefined),
      lastId: new Int32Array(n),
    };
  }

  /** `<c r="B` per column and `" s="5"` per style, made once: a cell is then three writes. */
  private readonly cellStarts: string[] = [];
  private readonly styleEnds: string[] = [];

  /** `<c r="B7" s="5"` (the row's digits given as text). */
  private open(w: ByteWriter, col: number, row: string, style: number): void {
    w.ascii((this.cellStarts[col] ??= `<c r="${this.letter(col)}`));
    w.ascii(row);
    w.ascii((this.styleEnds[style] ??= style ? `" s="${style}"` : '"'));
  }

  /** A text cell: index `id` of the shared table, or inline when -1. */
  private text(w: ByteWriter, col: number, row: string, style: number, text: string, id: number): void {
    this.open(w, col, row, style);
    if (id >= 0) {
      w.ascii(' t="s"><v>');
      w.uint(id);
      w.ascii('</v></c>');
    } else {
      w.ascii(edgeBlank(text) ? ' t="inlineStr"><is><t xml:space="preserve">' : ' t="inlineStr"><is><t>');
      w.xml(text);
      w.ascii('</t></is></c>');
    }
  }

  /** The shared index of a data cell's text in column `c` (-1: inline), following the column's plan. */
  private sharedId(p: ColumnPlan, c: number, text: string): number {
    const mode = p.mode[c]!;
    if (mode === INLINE) return -1;
    const known = p.known[c]!;
    let id = text === p.lastText[c] ? p.lastId[c]! : known.get(text);
    if (id !== undefined) {
      p.lastText[c] = text;
      p.lastId[c] = id;
      this.shared.refs++;
      if (mode === SAMPLING) this.sampled(p, c, false);
      return id;
    }
    const before = this.shared.size;
    id = this.shared.id(text);
    if (id >= 0) {
      known.set(text, id); // a text the full table refused is not remembered either
      p.lastText[c] = text;
      p.lastId[c] = id;
    }
    if (mode === SAMPLING) this.sampled(p, c, this.shared.size > before);
    return id;
  }

  private sampled(p: ColumnPlan, c: number, added: boolean): void {
    if (added) p.added[c]!++;
    if (++p.seen[c]! === SAMPLE_TEXTS) {
      p.mode[c] = p.added[c]! * 2 <= SAMPLE_TEXTS ? SHARE : INLINE;
      if (p.mode[c] === INLINE) p.known[c]!.clear();
    }
  }

  /** Writes one sheet (streamed: rows are made, written and zipped as the layout yields them). */
  async addSheet(name: string, content: SheetContent, lang: Lang): Promise<void> {
    const { widths, rows } = layoutSheet(content, name, lang);
    const sheet = await this.beginSheet(name, widths);
    for (;;) {
      const step = rows.next();
      if (step.done) return sheet.end(step.value.filterTo);
      sheet.add(rowItem(step.value));
      if (sheet.full) await sheet.flush();
    }
  }

  /**
   * Opens sheet `name` with the given column widths; its rows then go through the returned
   * SheetRows. addSheet does this with the rows of layoutSheet; the encoding worker
   * (encode-worker.ts) with rows it receives in batches: both run this same code.
   */
  async beginSheet(name: string, widths: readonly number[]): Promise<SheetRows> {
    const index = this.sheets.length + 1;
    const sink = await this.zip.entry(`xl/worksheets/sheet${index}.xml`);
    const w = new ByteWriter((chunk, release) => sink.chunk(chunk, release));
    // ExcelJS leaves out a column of its default width 9; so does this writer, so both read back alike.
    const cols = widths.map((wd, i) => (wd === 9 ? '' : `<col min="${i + 1}" max="${i + 1}" width="${wd}" customWidth="1"/>`)).join('');
    w.utf8(
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
        '<sheetFormatPr defaultRowHeight="15"/>' +
        (cols ? `<cols>${cols}</cols>` : '') +
        '<sheetData>',
    );
    const styles = this.styles;
    const title = styles.id(undefined, undefined, 2);
    const bold = styles.id(undefined, undefined, 1);
    const header = styles.id(undefined, HEADER_FILL, 1, true);
    let columns: ColumnDef[] | null = null;
    let plan: ColumnPlan | null = null;
    let lastRow = 0;
    const row = (item: RowItem): void => {
      // A data row is its bare cells: under the columns of the last header, one row below the previous.
      const isData = Array.isArray(item);
      const r = String(isData ? ++lastRow : (lastRow = item.row));
      w.ascii('<row r="');
      w.ascii(r);
      w.ascii('">');
      if (isData) {
        if (columns === null) throw new Error('appraise: a data row before its header row');
        // Planned at the block's first data row (an empty table numbers no styles), per block.
        plan ??= this.plan(columns);
        this.cells(w, r, item, columns, plan);
      } else if (item.kind === 'title') this.text(w, 1, r, title, item.text, this.shared.id(item.text));
      else if (item.kind === 'note') this.text(w, 1, r, bold, item.text, this.shared.id(item.text));
      else {
        columns = item.columns;
        plan = null;
        for (let c = 0; c < columns.length; c++) {
          const h = columns[c]!.header;
          this.text(w, c + 1, r, header, h, this.shared.id(h));
        }
      }
      w.ascii('</row>');
    };
    return {
      add: row,
      get full() {
        return w.full;
      },
      flush: () => w.flush(),
      end: async (filterTo) => {
        const filter = filterTo === null ? null : `A1:${this.letter(filterTo.column)}${filterTo.row}`;
        w.ascii(`</sheetData>${filter ? `<autoFilter ref="${filter}"/>` : ''}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
        await w.flush();
        await sink.end();
        this.sheets.push({ name, filter });
      },
    };
  }

  /** The cells of one data row. */
  private cells(w: ByteWriter, r: string, cells: readonly CellData[], columns: ColumnDef[], p: ColumnPlan): void {
    const styles = this.styles;
    for (let c = 0; c < cells.length; c++) {
      const data = cells[c]!;
      const col = columns[c]!;
      let value: string | number | null;
      let style: number;
      // The rules of cellOut (sheet-layout.ts), without an object per cell: plain cells take
      // their column's style, styled ones (a predikat colour) look theirs up.
      if (isStyled(data)) {
        value = col.type === 'text' && data.value !== null ? String(data.value) : data.value;
        style = styles.id(cellNumFmt(value, col, data.numFmt), data.fill, data.bold ? 1 : 0);
      } else if (typeof data === 'number') {
        if (col.type === 'text') {
          value = String(data);
          style = p.textStyle[c]!;
        } else {
          if (!Number.isFinite(data)) throw new Error(`appraise: cannot write a non-finite number (${data}) to a sheet`);
          value = data;
          style = p.numberStyle[c]!;
        }
      } else {
        value = data;
        style = p.textStyle[c]!;
      }
      if (value === null || value === '') {
        if (style) {
          this.open(w, c + 1, r, style);
          w.ascii('/>');
        }
      } else if (typeof value === 'number') {
        this.open(w, c + 1, r, style);
        w.ascii('><v>');
        w.number(value);
        w.ascii('</v></c>');
      } else this.text(w, c + 1, r, style, value, this.sharedId(p, c, value));
    }
  }

  /** xl/sharedStrings.xml, after the sheets that filled it. */
  private async writeSharedStrings(): Promise<void> {
    const sink = await this.zip.entry('xl/sharedStrings.xml');
    const w = new ByteWriter((chunk, release) => sink.chunk(chunk, release));
    w.utf8(`${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.shared.refs}" uniqueCount="${this.shared.size}">`);
    for (const text of this.shared.texts) {
      w.ascii(edgeBlank(text) ? '<si><t xml:space="preserve">' : '<si><t>');
      w.xml(text);
      w.ascii('</t></si>');
      if (w.full) await w.flush();
    }
    w.ascii('</sst>');
    await w.flush();
    await sink.end();
  }

  /** Writes the workbook, styles, relationships and document properties, and closes the file. */
  async close(): Promise<void> {
    const n = this.sheets.length;
    const hasShared = this.shared.size > 0;
    if (hasShared) await this.writeSharedStrings();
    const date = this.fixedDate.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const sheetRefs = this.sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
    // Excel keeps a filter's range as the hidden name _FilterDatabase of its sheet.
    const names = this.sheets
      .map((s, i) => (s.filter ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">'${xmlText(s.name.replace(/'/g, "''"))}'!${s.filter.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}</definedName>` : ''))
      .join('');
    await this.zip.add(
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView/></bookViews>` +
        `<sheets>${sheetRefs}</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}<calcPr calcId="171027"/></workbook>`,
    );
    const sheetRels = this.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('');
    await this.zip.add(
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">${sheetRels}<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>` +
        (hasShared ? `<Relationship Id="rId${n + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
        '</Relationships>',
    );
    await this.zip.add('xl/styles.xml', this.styles.xml());
    await this.zip.add(
      'docProps/core.xml',
      `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>appraise</dc:creator><cp:lastModifiedBy>appraise</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified></cp:coreProperties>`,
    );
    const titles = this.sheets.map((s) => `<vt:lpstr>${xmlText(s.name)}</vt:lpstr>`).join('');
    await this.zip.add(
      'docProps/app.xml',
      `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>appraise</Application>` +
        `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${n}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
        `<TitlesOfParts><vt:vector size="${n}" baseType="lpstr">${titles}</vt:vector></TitlesOfParts></Properties>`,
    );
    await this.zip.add(
      '_rels/.rels',
      `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    const overrides = this.sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
      .join('');
    await this.zip.add(
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        `${overrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
        (hasShared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>',
    );
    await this.zip.close();
  }

  /** The file's digest (io/file-digest.ts), once close() has returned. */
  get digest(): FileDigest | null {
    return this.zip.digest;
  }

  async abort(): Promise<void> {
    await this.zip.abort();
  }
}

/** What writes a workbook's sheets: DirectWorkbookWriter, or the encoding worker's (encoder.ts). */
export interface SheetsWriter {
  addSheet(name: string, content: SheetContent, lang: Lang): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** Writes the given sheets with `wb` and closes it (aborts it on a failure). */
export async function writeSheets(wb: SheetsWriter, sheets: Iterable<{ name: string; content: SheetContent }>, lang: Lang): Promise<void> {
  try {
    for (const s of sheets) await wb.addSheet(s.name, s.content, lang);
    await wb.close();
  } catch (err) {
    await wb.abort();
    throw err;
  }
}

/** Writes the given sheets to `path` with the direct writer (see DirectWorkbookWriter). */
export async function writeDirectWorkbook(
  path: string,
  sheets: Iterable<{ name: string; content: SheetContent }>,
  fixedDate: Date,
  lang: Lang,
): Promise<void> {
  await writeSheets(new DirectWorkbookWriter(path, fixedDate), sheets, lang);
}
