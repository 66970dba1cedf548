import { inflateRawSync } from 'node:zlib';

/**
 * Reads one file from a zip archive (a `.keras` model is a zip holding `config.json`,
 * `metadata.json` and the weights). Stored and deflated entries; no zip64, no encryption.
 */
export function readZipEntry(archive: Buffer, name: string): Buffer {
    // The end-of-central-directory record: the last 22+ bytes (a comment may follow it).
    let end = -1;
    for (let i = archive.length - 22; i >= Math.max(0, archive.length - 22 - 0xffff); i--) {
        if (archive.readUInt32LE(i) === 0x06054b50) {
            end = i;
            break;
        }
    }
    if (end < 0) throw new Error('not a zip archive (no central directory)');
    const entries = archive.readUInt16LE(end + 10);
    let offset = archive.readUInt32LE(end + 16);
    const names: string[] = [];
    for (let i = 0; i < entries; i++) {
        if (archive.readUInt32LE(offset) !== 0x02014b50) throw new Error('corrupt zip central directory');
        const method = archive.readUInt16LE(offset + 10);
        const compressedSize = archive.readUInt32LE(offset + 20);
        const nameLength = archive.readUInt16LE(offset + 28);
        const extraLength = archive.readUInt16LE(offset + 30);
        const commentLength = archive.readUInt16LE(offset + 32);
        const localOffset = archive.readUInt32LE(offset + 42);
        const entryName = archive.toString('utf-8', offset + 46, offset + 46 + nameLength);
        names.push(entryName);
        if (entryName === name) {
            if (archive.readUInt32LE(localOffset) !== 0x04034b50) throw new Error('corrupt zip entry');
            const dataStart = localOffset + 30 + archive.readUInt16LE(localOffset + 26) + archive.readUInt16LE(localOffset + 28);
            const data = archive.subarray(dataStart, dataStart + compressedSize);
            if (method === 0) return Buffer.from(data);
            if (method === 8) return inflateRawSync(data);
            throw new Error(`${name}: unsupported zip compression method ${method}`);
        }
        offset += 46 + nameLength + extraLength + commentLength;
    }
    throw new Error(`no ${name} in the archive (it has ${names.join(', ') || 'no files'})`);
}
