import { crc32, deflateRawSync } from 'node:zlib';

/** One file of an archive. */
export interface ZipEntry {
    /** The path inside the archive, `/` between folders. */
    readonly name: string;
    readonly data: Uint8Array | string;
    /** Unix permission bits (default 0o644). */
    readonly mode?: number;
}

/** 1980-01-01 00:00 in MS-DOS date/time: entries carry no real time, so an archive depends only on its contents. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 1 << 11;
const MADE_BY_UNIX = 3 << 8 | 20;

/**
 * A zip archive (PKWARE APPNOTE 6.3, the subset every unzip reads): deflated entries (stored
 * when that is smaller), UTF-8 names, Unix modes, a fixed timestamp so that the same files make
 * the same bytes. No zip64: at most 65,535 entries and 4 GiB.
 */
export function createZip(entries: readonly ZipEntry[]): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    const seen = new Set<string>();
    for (const entry of entries) {
        if (seen.has(entry.name)) throw new Error(`duplicate zip entry ${entry.name}`);
        seen.add(entry.name);
        const name = Buffer.from(entry.name, 'utf-8');
        const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf-8') : Buffer.from(entry.data);
        const deflated = deflateRawSync(data, { level: 9 });
        const stored = deflated.length >= data.length;
        const body = stored ? data : deflated;
        const crc = crc32(data) >>> 0;
        if (body.length > 0xffffffff || offset > 0xffffffff || entries.length > 0xffff) throw new Error('archive too large for a zip without zip64');

        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4); // version needed
        local.writeUInt16LE(UTF8_NAMES, 6);
        local.writeUInt16LE(stored ? 0 : 8, 8);
        local.writeUInt16LE(DOS_TIME, 10);
        local.writeUInt16LE(DOS_DATE, 12);
        local.writeUInt32LE(crc, 14);
        local.writeUInt32LE(body.length, 18);
        local.writeUInt32LE(data.length, 22);
        local.writeUInt16LE(name.length, 26);
        local.writeUInt16LE(0, 28);
        locals.push(local, name, body);

        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(MADE_BY_UNIX, 4);
        central.writeUInt16LE(20, 6);
        central.writeUInt16LE(UTF8_NAMES, 8);
        central.writeUInt16LE(stored ? 0 : 8, 10);
        central.writeUInt16LE(DOS_TIME, 12);
        central.writeUInt16LE(DOS_DATE, 14);
        central.writeUInt32LE(crc, 16);
        central.writeUInt32LE(body.length, 20);
        central.writeUInt32LE(data.length, 24);
        central.writeUInt16LE(name.length, 28);
        central.writeUInt16LE(0, 30); // extra
        central.writeUInt16LE(0, 32); // comment
        central.writeUInt16LE(0, 34); // disk
        central.writeUInt16LE(0, 36); // internal attributes
        central.writeUInt32LE((((entry.mode ?? 0o644) | 0o100000) << 16) >>> 0, 38); // regular file + mode
        central.writeUInt32LE(offset, 42);
        centrals.push(central, name);
        offset += local.length + name.length + body.length;
    }
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}
