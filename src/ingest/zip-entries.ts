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
  /** A size or the offset is in the record's Zip64 extra field (the 32-bit field holds 0xFFFFFFFF). */
  readonly isZip64?: boolean;
}

const ZIP64_MARK = 0xffffffff;

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
  let count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  // Zip64: the count or the directory's offset is in the Zip64 end record, which a locator just before the end record points to.
  if (count === 0xffff || at === ZIP64_MARK) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== 0x07064b50) return null;
    const record = Number(view.getBigUint64(locator + 8, true));
    if (record + 56 > bytes.length || view.getUint32(record, true) !== 0x06064b50) return null;
    count = Number(view.getBigUint64(record + 32, true));
    at = Number(view.getBigUint64(record + 48, true));
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let [uncompressedSize, compressedSize, headerOffset] = [view.getUint32(at + 24, true), view.getUint32(at + 20, true), view.getUint32(at + 42, true)];
    const isZip64 = uncompressedSize === ZIP64_MARK || compressedSize === ZIP64_MARK || headerOffset === ZIP64_MARK;
    if (isZip64) {
      // The Zip64 extra field (id 1) holds, in this order, the 64-bit values of the fields that hold the mark.
      const extra = zip64Extra(view, at + 46 + nameLength, extraLength);
      if (!extra) return null;
      const next = () => (extra.length > 0 ? extra.shift()! : -1);
      if (uncompressedSize === ZIP64_MARK) uncompressedSize = next();
      if (compressedSize === ZIP64_MARK) compressedSize = next();
      if (headerOffset === ZIP64_MARK) headerOffset = next();
      if (uncompressedSize < 0 || compressedSize < 0 || headerOffset < 0) return null;
    }
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      compressedSize,
      uncompressedSize,
      method: view.getUint16(at + 10, true),
      flags: view.getUint16(at + 8, true),
      headerOffset,
      recordOffset: at,
      recordLength: 46 + nameLength + extraLength + commentLength,
      ...(isZip64 && { isZip64 }),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The 64-bit values of a central directory record's Zip64 extra field (id 1) in the `length` bytes from `from`; null when it has none, or one cut short. */
function zip64Extra(view: DataView, from: number, length: number): number[] | null {
  for (let at = from; at + 4 <= from + length && at + 4 <= view.byteLength; ) {
    const [id, size] = [view.getUint16(at, true), view.getUint16(at + 2, true)];
    if (id === 1) {
      if (at + 4 + size > view.byteLength) return null;
      const values: number[] = [];
      for (let k = 0; k + 8 <= size; k += 8) values.push(Number(view.getBigUint64(at + 4 + k, true)));
      return values;
    }
    at += 4 + size;
  }
  return null;
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
