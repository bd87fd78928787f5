/** ExcelJS stamps zip entries with the current time; pin them so the bytes depend on content only. */
export function stableZip(buf) {
  const out = Buffer.from(buf);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    out.writeUInt16LE(0, p + 12);
    out.writeUInt16LE(0x21, p + 14);
    const local = out.readUInt32LE(p + 42);
    out.writeUInt16LE(0, local + 10);
    out.writeUInt16LE(0x21, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}
