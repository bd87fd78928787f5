import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { constants, crc32, createDeflateRaw } from 'node:zlib';
import { WriteDigest, type FileDigest } from './file-digest.js';

/**
 * A streaming zip writer for large generated files (the report workbook's sheet XML): entries are
 * deflated by Node's zlib, which runs on the thread pool, so compression overlaps with the main
 * thread making the next rows. Every entry carries the fixed DOS time 1980-01-01 00:00 (SPEC §8:
 * the bytes depend on the content only). No zip64: an entry or archive past 4 GiB is an error.
 */

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
/** Bit 3: sizes and CRC in a data descriptor after the data; bit 11: UTF-8 names. */
const FLAGS = 0x0808;
const LIMIT = 0xffffffff;
/** Uncompressed bytes gathered before a write into zlib. */
const CHUNK_BYTES = 1 << 20;
/**
 * zlib's stream is driven from this thread: it deflates a buffered input only when this thread's
 * event loop runs its callbacks, and with 16 KB buffers every input chunk, output piece and file
 * write waited for a round trip. Room for a few chunks (the writer yields after each, so zlib
 * takes up the next one) and larger output pieces let deflate and the file writes run while the
 * next rows are encoded: in the encoding worker at N = 20,000, time spent waiting on deflate
 * ~2.2-2.7 -> ~1.3-1.7 s (loaded machine). The bytes are the same: chunk sizes do not change the stream.
 */
const BUFFERED = 1 << 20;
const DEFLATE_OUT = 1 << 17;
/** Stream options, which zlib passes on to its Transform (ZlibOptions does not list them). */
const DEFLATE_STREAM = { writableHighWaterMark: BUFFERED, readableHighWaterMark: BUFFERED };

interface CentralEntry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private readonly out: WriteStream;
  private readonly failed: Promise<never>;
  private offset = 0;
  private readonly entries: CentralEntry[] = [];
  private open = false;
  private readonly hash = new WriteDigest();
  /** The file's digest (file-digest.ts), once close() has returned. */
  digest: FileDigest | null = null;

  constructor(private readonly path: string, private readonly level = 6) {
    this.out = createWriteStream(path, { highWaterMark: BUFFERED });
    this.failed = new Promise<never>((_, reject) => this.out.once('error', reject));
    this.failed.catch(() => {}); // observed through the races below
  }

  private async emit(buf: Buffer): Promise<void> {
    this.offset += buf.length;
    if (this.offset > LIMIT) throw new Error('appraise: zip archive past 4 GiB (zip64 is not supported)');
    this.hash.update(buf);
    if (!this.out.write(buf)) await Promise.race([once(this.out, 'drain'), this.failed]);
  }

  /** Starts an entry; write its text or bytes through the returned sink, then `end()` it. */
  async entry(name: string): Promise<ZipEntrySink> {
    if (this.open) throw new Error('appraise: a zip entry is still open');
    this.open = true;
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0, 10);
    header.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    // crc and sizes (14..25) stay 0: they follow the data in the descriptor
    header.writeUInt16LE(nameBuf.length, 26);
    header.writeUInt16LE(0, 28);
    await this.emit(Buffer.concat([header, nameBuf]));

    const deflate = createDeflateRaw({ level: this.level, memLevel: 9, strategy: constants.Z_DEFAULT_STRATEGY, chunkSize: DEFLATE_OUT, ...DEFLATE_STREAM });
    let crc = 0;
    let size = 0;
    let compressed = 0;
    // Compressed output goes to the file as it comes; a slow disk pauses the deflater.
    const pumped = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        compressed += chunk.length;
        await this.emit(chunk);
      }
    })();
    pumped.catch(() => {});
    let pending: string[] = [];
    let pendingLength = 0;
    const push = async (buf: Buffer, release?: () => void): Promise<void> => {
      crc = crc32(buf, crc);
      size += buf.length;
      if (size > LIMIT) throw new Error(`appraise: zip entry ${name} past 4 GiB (zip64 is not supported)`);
      // zlib calls back once it has consumed the input: the caller may then fill the buffer again.
      if (!deflate.write(buf, release && (() => release()))) await Promise.race([once(deflate, 'drain'), pumped, this.failed]);
      else await new Promise<void>((resolve) => setImmediate(resolve)); // zlib's callbacks run: it starts on this chunk
    };
    const flushText = async (): Promise<void> => {
      if (pending.length === 0) return;
      const text = pending.join('');
      pending = [];
      pendingLength = 0;
      await push(Buffer.from(text, 'utf8'));
    };
    return {
      write: async (text: string): Promise<void> => {
        pending.push(text);
        pendingLength += text.length;
        if (pendingLength >= CHUNK_BYTES) await flushText();
      },
      writeBytes: async (bytes: Uint8Array): Promise<void> => {
        await flushText();
        await push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
      chunk: async (bytes: Buffer, release: () => void): Promise<void> => {
        await flushText();
        await push(bytes, release);
      },
      end: async (): Promise<void> => {
        await flushText();
        deflate.end();
        await Promise.race([pumped, this.failed]);
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(crc >>> 0, 4);
        descriptor.writeUInt32LE(compressed, 8);
        descriptor.writeUInt32LE(size, 12);
        await this.emit(descriptor);
        this.entries.push({ name: nameBuf, crc: crc >>> 0, compressed, size, offset });
        this.open = false;
      },
    };
  }

  /** Writes a whole entry. */
  async add(name: string, content: string | Uint8Array): Promise<void> {
    const sink = await this.entry(name);
    if (typeof content === 'string') await sink.write(content);
    else await sink.writeBytes(content);
    await sink.end();
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    if (this.open) throw new Error('appraise: a zip entry is still open');
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4); // version made by (MS-DOS, 2.0)
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(0, 12);
      h.writeUInt16LE(DOS_DATE_1980_01_01, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      // extra, comment, disk, internal and external attributes: 0
      h.writeUInt32LE(e.offset, 42);
      parts.push(h, e.name);
    }
    const cd = Buffer.concat(parts);
    await this.emit(cd);
    if (this.entries.length > 0xffff) throw new Error('appraise: more than 65535 zip entries (zip64 is not supported)');
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(start, 16);
    await this.emit(end);
    this.out.end();
    await Promise.race([finished(this.out), this.failed]);
    this.digest = this.hash.finish(this.path);
  }

  /** Closes the file without a directory (after a failure); the caller removes it. */
  async abort(): Promise<void> {
    this.out.destroy();
    await finished(this.out).catch(() => {});
  }
}

export interface ZipEntrySink {
  write(text: string): Promise<void>;
  writeBytes(bytes: Uint8Array): Promise<void>;
  /** A ChunkSink (byte-writer.ts): `release` is called once zlib no longer reads `bytes`. */
  chunk(bytes: Buffer, release: () => void): Promise<void>;
  end(): Promise<void>;
}
