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
