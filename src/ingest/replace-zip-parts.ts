import { crc32 } from 'node:zlib';
import { findDirectoryEnd, type ZipEntry } from './zip-entries.js';

/**
 * A copy of a zip archive in which the named entries hold new (unpacked) contents. Everything
 * before the end of the old central directory is kept byte for byte; each new content follows it,
 * stored, under a fresh local header, and a new central directory (the old records, with the
 * replaced entries' method, sizes, checksum and offset changed) and end record close the archive.
 * The old copies of the replaced entries stay in the file, unreferenced. `entries` are the
 * archive's, from `zipEntries`.
 */
export function replaceZipParts(bytes: Uint8Array, entries: readonly ZipEntry[], contents: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const end = findDirectoryEnd(bytes);
  if (end < 0) throw new Error('replaceZipParts: the bytes have no zip directory (entries must come from zipEntries of the same bytes)');
  const chunks: Uint8Array[] = [bytes.subarray(0, end)];
  const records: Uint8Array[] = [];
  let offset = end;
  for (const entry of entries) {
    const record = bytes.slice(entry.recordOffset, entry.recordOffset + entry.recordLength);
    const content = contents.get(entry.name);
    if (content) {
      const checksum = crc32(content);
      const header = storedHeader(record, content, checksum);
      patchRecord(record, content, checksum, offset);
      chunks.push(header, content);
      offset += header.length + content.length;
    }
    records.push(record);
  }
  const directorySize = records.reduce((sum, record) => sum + record.length, 0);
  const close = new Uint8Array(22);
  const view = new DataView(close.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, entries.length, true);
  view.setUint16(10, entries.length, true);
  view.setUint32(12, directorySize, true);
  view.setUint32(16, offset, true);
  return Buffer.concat([...chunks, ...records, close]);
}

/** Flags kept when an entry is stored anew: all but "sizes in a data descriptor" (bit 3) and the deflate level (bits 1–2). */
const KEPT_FLAGS = 0xffff & ~0x000e;

/** A local header for `content` (CRC-32 `checksum`), stored, named and dated as in the central directory `record`. */
function storedHeader(record: Uint8Array, content: Uint8Array, checksum: number): Uint8Array {
  const from = new DataView(record.buffer, record.byteOffset, record.byteLength);
  const nameLength = from.getUint16(28, true);
  const header = new Uint8Array(30 + nameLength);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, from.getUint16(6, true), true); // version needed to extract
  view.setUint16(6, from.getUint16(8, true) & KEPT_FLAGS, true);
  view.setUint16(8, 0, true);
  view.setUint32(10, from.getUint32(12, true), true); // modification time and date
  view.setUint32(14, checksum, true);
  view.setUint32(18, content.length, true);
  view.setUint32(22, content.length, true);
  view.setUint16(26, nameLength, true);
  header.set(record.subarray(46, 46 + nameLength), 30);
  return header;
}

/** The central directory `record` changed to describe `content` (CRC-32 `checksum`), stored at `offset`. */
function patchRecord(record: Uint8Array, content: Uint8Array, checksum: number, offset: number): void {
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  view.setUint16(8, view.getUint16(8, true) & KEPT_FLAGS, true);
  view.setUint16(10, 0, true);
  view.setUint32(16, checksum, true);
  view.setUint32(20, content.length, true);
  view.setUint32(24, content.length, true);
  view.setUint32(42, offset, true);
}
