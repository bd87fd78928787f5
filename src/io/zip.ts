import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

/**
 * ExcelJS zips every part with the current time, so two identical workbooks differ in bytes.
 * Setting every entry's DOS time to 1980-01-01 00:00 makes the file depend on its content only
 * (SPEC §8: the same inputs give the same outputs).
 */
export function stableZip(buf: Buffer): Buffer {
  const out = Buffer.from(buf);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('malformed zip central directory');
    out.writeUInt16LE(0, p + 12);
    out.writeUInt16LE(DOS_DATE_1980_01_01, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('malformed zip local header');
    out.writeUInt16LE(0, local + 10);
    out.writeUInt16LE(DOS_DATE_1980_01_01, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

/**
 * stableZip for a file on disk, patched in place: only the end record, the central directory and
 * 4 bytes per local header are read and written, so a large streamed workbook never sits in memory.
 */
export function stableZipFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const size = fstatSync(fd).size;
    // The end record is 22 bytes plus a comment of at most 65535 bytes.
    const tailLen = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLen);
    readFully(fd, tail, size - tailLen);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0) throw new Error(`${path}: not a zip file (no end of central directory)`);
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || entries === 0xffff) throw new Error(`${path}: zip64 archives are not supported`);
    const cd = Buffer.alloc(cdSize);
    readFully(fd, cd, cdOffset);
    const stamp = Buffer.alloc(4);
    stamp.writeUInt16LE(0, 0);
    stamp.writeUInt16LE(DOS_DATE_1980_01_01, 2);
    const sig = Buffer.alloc(4);
    let p = 0;
    for (let i = 0; i < entries; i++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new Error(`${path}: malformed zip central directory`);
      cd.writeUInt16LE(0, p + 12);
      cd.writeUInt16LE(DOS_DATE_1980_01_01, p + 14);
      const local = cd.readUInt32LE(p + 42);
      readFully(fd, sig, local);
      if (sig.readUInt32LE(0) !== 0x04034b50) throw new Error(`${path}: malformed zip local header`);
      writeSync(fd, stamp, 0, 4, local + 10);
      p += 46 + cd.readUInt16LE(p + 28) + cd.readUInt16LE(p + 30) + cd.readUInt16LE(p + 32);
    }
    writeSync(fd, cd, 0, cd.length, cdOffset);
  } finally {
    closeSync(fd);
  }
}

const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

function readFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) {
    const n = readSync(fd, buf, done, buf.length - done, position + done);
    if (n === 0) throw new Error('unexpected end of zip file');
    done += n;
  }
}
