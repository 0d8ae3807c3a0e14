import { inflateRawSync } from 'node:zlib';

/** One file inside a zip archive, from its central directory. */
export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  /** Compression method: 0 stored, 8 deflated. */
  readonly method: number;
  /** General purpose bit flags (bit 0: encrypted, bit 3: sizes in a data descriptor after the data). */
  readonly flags: number;
  /** Byte offset of the entry's local header. */
  readonly headerOffset: number;
  /** Byte offset and length of the entry's record in the central directory. */
  readonly recordOffset: number;
  readonly recordLength: number;
}

/** Byte offset of a zip archive's end-of-central-directory record, or -1 when there is none. */
export function findDirectoryEnd(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The record is in the last 22 + 65,535 bytes (its comment is at most 65,535 bytes long).
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  return -1;
}

/**
 * The entries of a zip archive, read from its central directory without unpacking anything,
 * or null when the bytes are not a zip archive. Sizes are as the archive declares them.
 */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22 || view.getUint32(0, true) !== 0x04034b50) return null;
  const end = findDirectoryEnd(bytes);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      method: view.getUint16(at + 10, true),
      flags: view.getUint16(at + 8, true),
      headerOffset: view.getUint32(at + 42, true),
      recordOffset: at,
      recordLength: 46 + nameLength + extraLength + commentLength,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The unpacked bytes of one entry, or null when they cannot be read here: an encrypted entry, a
 * method other than stored or deflate, a local header out of place, or data that does not
 * unpack to the size the directory declares (never more than that size is unpacked).
 */
export function readZipPart(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.headerOffset;
  if ((entry.flags & 0x0001) !== 0 || at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) return null;
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.length === entry.uncompressedSize ? data : null;
  if (entry.method !== 8) return null;
  if (entry.uncompressedSize === 0) return new Uint8Array(0);
  try {
    const unpacked = inflateRawSync(data, { maxOutputLength: entry.uncompressedSize });
    return unpacked.length === entry.uncompressedSize ? unpacked : null;
  } catch {
    // Damaged data, or more than the declared size.
    return null;
  }
}
