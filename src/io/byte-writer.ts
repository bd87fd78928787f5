/**
 * Text encoded straight into reusable byte buffers, for the large generated files (sheet XML,
 * csv, hasil JSON). Building those as JS strings made several times their size in garbage (a
 * string per cell, concatenations, the joined chunk, its UTF-8 copy); at N = 100,000 the
 * scavenger, copying the survivors of that, was about half the output stages' main-thread time.
 * Here a chunk of UTF-8 is filled in place and handed to a consumer, which releases it once the
 * bytes are written (zlib or the file), and the chunk is filled again.
 */

/** Takes a filled chunk; calls `release` once it no longer reads the bytes, resolves when it wants more. */
export type ChunkSink = (chunk: Buffer, release: () => void) => Promise<void>;

/** Bytes per chunk; `full` says so a little before, so a row seldom needs the chunk to grow. */
const CHUNK_BYTES = 1 << 18;
const FULL_AT = CHUNK_BYTES - (1 << 14);

/** Texts longer than this are encoded by Buffer#write rather than code unit by code unit. */
const LONG_TEXT = 128;

/** XML 1.0 character data: 0 = write as is, 1 = drop (cannot be held, as ExcelJS drops it), 2 = entity. */
const XML_CLASS = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) XML_CLASS[c] = c === 9 || c === 10 || c === 13 ? 0 : 1;
XML_CLASS[0x7f] = 1;
for (const c of '<>&"') XML_CLASS[c.charCodeAt(0)] = 2;
const ENTITY: Record<number, string> = { 60: '&lt;', 62: '&gt;', 38: '&amp;', 34: '&quot;' };

export class ByteWriter {
  private buf: Buffer;
  private pos = 0;
  private readonly spare: Buffer[] = [];

  constructor(private readonly sink: ChunkSink) {
    this.buf = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  }

  /** True when the chunk should be handed on (await flush()) before the next row. */
  get full(): boolean {
    return this.pos >= FULL_AT;
  }

  /** Bytes written into the current chunk. */
  get length(): number {
    return this.pos;
  }

  /** Room for `n` more bytes: a row larger than the chunk's rest grows it (rare). */
  private room(n: number): Buffer {
    if (this.pos + n > this.buf.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
    return this.buf;
  }

  /** One byte (an ASCII separator). */
  byte(b: number): void {
    this.room(1)[this.pos++] = b;
  }

  /** Text known to be ASCII with nothing to escape (markup, digits, fixed names). */
  ascii(s: string): void {
    const n = s.length;
    const buf = this.room(n);
    let p = this.pos;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A non-negative integer's digits, without making its string. */
  uint(n: number): void {
    if (!(n >= 0 && n < 0x40000000 && (n | 0) === n)) {
      this.ascii(String(n));
      return;
    }
    const buf = this.room(10);
    const start = this.pos;
    let p = start;
    do {
      buf[p++] = 48 + (n % 10);
      n = (n / 10) | 0;
    } while (n > 0);
    this.pos = p;
    for (let i = start, j = p - 1; i < j; i++, j--) {
      const d = buf[i]!;
      buf[i] = buf[j]!;
      buf[j] = d;
    }
  }

  /** A number as JavaScript writes it (`String(n)`), so the bytes equal those of the string path. */
  number(n: number): void {
    if (n >= 0 && n < 0x40000000 && (n | 0) === n) return this.uint(n); // (-0 gives '0', as String(-0) does)
    // A number with at most 2 decimals (the reports' rounding) is written from its hundredths,
    // without making its string: when k / 100 is n, n is the double nearest the decimal k/100, and
    // below 2^30 hundredths no shorter decimal is that near, so String(n) writes those digits.
    const k = Math.round(n * 100);
    if (k / 100 !== n || k <= -0x40000000 || k >= 0x40000000) return this.ascii(String(n));
    let a = k;
    if (a < 0) {
      this.byte(45);
      a = -a;
    }
    this.uint((a / 100) | 0);
    const hundredths = a % 100;
    if (hundredths === 0) return;
    const buf = this.room(3);
    buf[this.pos++] = 46;
    buf[this.pos++] = 48 + ((hundredths / 10) | 0);
    if (hundredths % 10 !== 0) buf[this.pos++] = 48 + (hundredths % 10);
  }

  /** Any text, UTF-8 (a lone surrogate becomes U+FFFD, as Buffer.from writes it). */
  utf8(s: string): void {
    const n = s.length;
    const buf = this.room(3 * n);
    if (n > LONG_TEXT) {
      this.pos += buf.write(s, this.pos, 'utf8'); // native encoding pays for its call on long texts
      return;
    }
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[p++] = c;
      else {
        p = encodeWide(buf, p, s, c, i);
        if (c >= 0xd800 && c < 0xdc00 && isLow(s, i + 1)) i++;
      }
    }
    this.pos = p;
  }

  /**
   * A string as JSON.stringify writes it: quoted; `"`, `\\` and control characters escaped (the
   * short forms \b \t \n \f \r, else \u00xx), a lone surrogate as \udxxx, the rest as UTF-8.
   */
  json(s: string): void {
    const n = s.length;
    const buf = this.room(6 * n + 2); // \u00xx is the longest a code unit becomes
    let p = this.pos;
    buf[p++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c !== 34 && c !== 92) buf[p++] = c;
        else p = jsonEscape(buf, p, c);
      } else if (c >= 0xd800 && c < 0xe000) {
        if (c < 0xdc00 && isLow(s, i + 1)) {
          p = encodeWide(buf, p, s, c, i);
          i++;
        } else p = hexEscape(buf, p, c);
      } else p = encodeWide(buf, p, s, c, i);
    }
    buf[p++] = 34;
    this.pos = p;
  }

  /** Bytes as they are (text encoded earlier, e.g. by copy()). */
  bytes(b: Uint8Array): void {
    this.room(b.length).set(b, this.pos);
    this.pos += b.length;
  }

  /** A copy of what was written since `length` bytes of the current chunk (see `length`), to write again with bytes(). */
  copy(length: number): Buffer {
    if (length < 0 || length > this.pos) throw new Error('appraise: ByteWriter.copy past the written bytes');
    return Buffer.from(this.buf.subarray(length, this.pos));
  }

  /**
   * Like utf8, but stops at the first ASCII code unit flagged in `stop` and returns false; what
   * was written of `s` stays until truncate(). For a check that is rarely true (does a csv field
   * need quotes?) made in the same pass as the encoding.
   */
  utf8Unless(s: string, stop: Uint8Array): boolean {
    const n = s.length;
    const buf = this.room(3 * n);
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (stop[c] === 1) {
          this.pos = p;
          return false;
        }
        buf[p++] = c;
      } else {
        p = encodeWide(buf, p, s, c, i);
        if (c >= 0xd800 && c < 0xdc00 && isLow(s, i + 1)) i++;
      }
    }
    this.pos = p;
    return true;
  }

  /** Drops what was written after `length` bytes of the current chunk (see `length`). */
  truncate(length: number): void {
    if (length < 0 || length > this.pos) throw new Error('appraise: ByteWriter.truncate past the written bytes');
    this.pos = length;
  }

  /** Text as XML character data or attribute value: markup escaped, characters XML 1.0 cannot hold dropped. */
  xml(s: string): void {
    const n = s.length;
    const buf = this.room(6 * n); // `&quot;` is the longest a code unit becomes
    let p = this.pos;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        const k = XML_CLASS[c];
        if (k === 0) buf[p++] = c;
        else if (k === 2) {
          const e = ENTITY[c]!;
          for (let j = 0; j < e.length; j++) buf[p++] = e.charCodeAt(j);
        }
      } else {
        p = encodeWide(buf, p, s, c, i);
        if (c >= 0xd800 && c < 0xdc00 && isLow(s, i + 1)) i++;
      }
    }
    this.pos = p;
  }

  /** Hands the chunk to the sink and goes on in a free one. */
  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const chunk = this.buf;
    const filled = chunk.subarray(0, this.pos);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.pos = 0;
    // A grown chunk is not kept: the pool holds chunks of the usual size only.
    await this.sink(filled, () => {
      if (chunk.length === CHUNK_BYTES) this.spare.push(chunk);
    });
  }
}

function isLow(s: string, i: number): boolean {
  const d = s.charCodeAt(i); // NaN past the end
  return d >= 0xdc00 && d < 0xe000;
}

/** UTF-8 of the code unit `c` (≥ 0x80) at `s[i]`, with its low surrogate when it starts a pair. */
function encodeWide(buf: Buffer, p: number, s: string, c: number, i: number): number {
  if (c < 0x800) {
    buf[p++] = 0xc0 | (c >> 6);
    buf[p++] = 0x80 | (c & 0x3f);
    return p;
  }
  if (c >= 0xd800 && c < 0xe000) {
    if (c < 0xdc00 && isLow(s, i + 1)) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00);
      buf[p++] = 0xf0 | (cp >> 18);
      buf[p++] = 0x80 | ((cp >> 12) & 0x3f);
      buf[p++] = 0x80 | ((cp >> 6) & 0x3f);
      buf[p++] = 0x80 | (cp & 0x3f);
      return p;
    }
    c = 0xfffd; // a lone surrogate
  }
  buf[p++] = 0xe0 | (c >> 12);
  buf[p++] = 0x80 | ((c >> 6) & 0x3f);
  buf[p++] = 0x80 | (c & 0x3f);
  return p;
}

const HEX = '0123456789abcdef';

/** JSON.stringify's escape of an ASCII code unit: `"`, `\\`, or a control character. */
function jsonEscape(buf: Buffer, p: number, c: number): number {
  buf[p++] = 92;
  switch (c) {
    case 34: buf[p++] = 34; return p;
    case 92: buf[p++] = 92; return p;
    case 8: buf[p++] = 98; return p;
    case 9: buf[p++] = 116; return p;
    case 10: buf[p++] = 110; return p;
    case 12: buf[p++] = 102; return p;
    case 13: buf[p++] = 114; return p;
    default: return hexEscape(buf, p - 1, c);
  }
}

/** `\uxxxx`, lower-case hex, as JSON.stringify writes controls and lone surrogates. */
function hexEscape(buf: Buffer, p: number, c: number): number {
  buf[p++] = 92;
  buf[p++] = 117;
  for (let shift = 12; shift >= 0; shift -= 4) buf[p++] = HEX.charCodeAt((c >> shift) & 15);
  return p;
}
