import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/io/byte-writer.js';

/** Collects what a ByteWriter hands on, releasing each chunk at once (as zlib or a file would later). */
function collect(): { w: ByteWriter; bytes: () => Buffer; chunks: () => number } {
  const parts: Buffer[] = [];
  const w = new ByteWriter(async (chunk, release) => {
    parts.push(Buffer.from(chunk)); // a copy: the chunk is filled again after release
    release();
  });
  return { w, bytes: () => Buffer.concat(parts), chunks: () => parts.length };
}

describe('ByteWriter', () => {
  it('encodes UTF-8 as Buffer.from does, surrogate pairs and lone surrogates included', async () => {
    const texts = ['plain', 'ünïcode — ok', '€ and 𝄞 (a pair)', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d', 'x'.repeat(300) + '💡'];
    for (const t of texts) {
      const { w, bytes } = collect();
      w.utf8(t);
      await w.flush();
      expect(bytes().equals(Buffer.from(t, 'utf8'))).toBe(true);
    }
  });

  it('escapes XML markup and drops characters XML 1.0 cannot hold', async () => {
    const { w, bytes } = collect();
    w.xml('a<b>&"c"\u0001\u007f\td\ne é');
    await w.flush();
    expect(bytes().toString('utf8')).toBe('a&lt;b&gt;&amp;&quot;c&quot;\td\ne é');
  });

  it('writes numbers with the digits String() gives', async () => {
    const numbers = [0, -0, 7, 10, 99, 1234567, 0x3fffffff, 0x40000000, 2 ** 53, -5, 97.315, 1e21, 0.1 + 0.2, 5e-7];
    const { w, bytes } = collect();
    for (const n of numbers) {
      w.number(n);
      w.ascii(';');
    }
    await w.flush();
    expect(bytes().toString('latin1')).toBe(numbers.map((n) => `${String(n)};`).join(''));
  });

  it('writes numbers of at most 2 decimals from their hundredths, as String() writes them', async () => {
    const numbers: number[] = [-5, -0.5, -0.05, 0.01, 0.1, 0.4, 1.1, 106.13, 99.99, 100.5, 0.07, -1234.56, 10737418.23, 10737418.24, 21474836.47, 1 / 3, 2 / 3, 1 / 7, 0.1 + 0.2, 1e-7, -1e-7, 123.456, Number.MAX_SAFE_INTEGER / 100];
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 20_000; i++) {
      const scale = [1, 10, 100, 1000, 1e6][i % 5]!;
      const magnitude = [1, 100, 1e4, 1e7, 1e9][(i >> 3) % 5]!;
      numbers.push(Math.round((random() - 0.3) * magnitude * scale) / scale);
      numbers.push((random() - 0.5) * magnitude);
    }
    const { w, bytes } = collect();
    for (const n of numbers) {
      w.number(n);
      w.ascii(';');
      if (w.full) await w.flush();
    }
    await w.flush();
    expect(bytes().toString('latin1')).toBe(numbers.map((n) => `${String(n)};`).join(''));
  });

  it('writes strings as JSON.stringify does: escapes, lone surrogates, pairs, non-ASCII', async () => {
    const texts = ['', 'plain', 'a"b\\c/d', '\b\f\n\r\t\u0000\u0001\u001f\u007f', 'é ≥ — 😀 𝄞', 'lone \ud800 high', 'lone \udc00 low', 'end \ud83d', '\udc00\ud800', 'x'.repeat(300) + '"\n💡'];
    for (let c = 0; c < 0x800; c++) texts.push(`<${String.fromCharCode(c)}>`);
    for (let c = 0xd700; c < 0xe100; c++) texts.push(String.fromCharCode(c), `${String.fromCharCode(c)}\udc01`);
    const { w, bytes } = collect();
    for (const t of texts) {
      w.json(t);
      w.ascii(',');
      if (w.full) await w.flush();
    }
    await w.flush();
    expect(bytes().toString('utf8')).toBe(texts.map((t) => `${JSON.stringify(t)},`).join(''));
  });

  it('copies what it wrote, to write the same bytes again', async () => {
    const { w, bytes } = collect();
    w.ascii('[');
    const at = w.length;
    w.json('é "x"');
    const copy = w.copy(at);
    w.ascii(',');
    w.bytes(copy);
    w.ascii(']');
    await w.flush();
    expect(bytes().toString('utf8')).toBe('["é \\"x\\"","é \\"x\\""]');
    expect(() => w.copy(1)).toThrow(/past the written bytes/);
  });

  it('stops at a flagged character and can take back what it wrote', async () => {
    const stop = new Uint8Array(128);
    stop[44] = 1; // ','
    const { w, bytes } = collect();
    w.ascii('[');
    const at = w.length;
    expect(w.utf8Unless('no comma here', stop)).toBe(true);
    w.truncate(at);
    expect(w.utf8Unless('a, b', stop)).toBe(false);
    w.truncate(at);
    w.ascii(']');
    await w.flush();
    expect(bytes().toString()).toBe('[]');
  });

  it('hands on full chunks, reuses released ones and grows for one large text', async () => {
    const { w, bytes, chunks } = collect();
    const line = 'baris ke-n, dengan teks yang cukup panjang\n';
    let expected = '';
    for (let i = 0; i < 20_000; i++) {
      w.utf8(line);
      expected += line;
      if (w.full) await w.flush();
    }
    const big = 'é'.repeat(400_000); // past a whole chunk
    w.utf8(big);
    expected += big;
    await w.flush();
    expect(chunks()).toBeGreaterThan(2);
    expect(bytes().toString('utf8')).toBe(expected);
  });
});
