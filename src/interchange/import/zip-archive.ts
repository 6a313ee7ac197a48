import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import * as yauzl from 'yauzl';

/** Most bytes all entries of an import zip may expand to. */
export const ZIP_MAX_UNCOMPRESSED = 200 * 1024 * 1024;
/** Highest expansion ratio of one entry (text compresses ~5-10×; a bomb compresses ~1000×). */
export const ZIP_MAX_RATIO = 100;
/** Entries smaller than this are not held to the ratio (a tiny file can compress very well). */
export const ZIP_RATIO_FLOOR = 1024 * 1024;
/** Most entries an import zip may have. */
export const ZIP_MAX_ENTRIES = 10_000;
/** The export's summary entry, which holds no translations. */
export const ZIP_MANIFEST = 'manifest.json';

export type ZipRejectionCode = 'ZIP_INVALID' | 'ZIP_TOO_LARGE';

/** A zip refused as a whole, before anything is applied. */
export class ZipRejectedError extends Error {
  constructor(
    readonly code: ZipRejectionCode,
    message: string,
    readonly entry?: string,
  ) {
    super(message);
  }
}

/** A zip spooled to a temporary file, its entries checked; `close` deletes the file. */
export interface ZipArchive {
  /** The entries to import, in the zip's order (manifest.json and folders left out). */
  readonly entries: readonly string[];
  /** The uncompressed bytes of one entry; a size that does not match its header fails the stream. */
  open(name: string): Promise<Readable>;
  close(): Promise<void>;
}

/**
 * Writes the body to a temporary file (yauzl needs random access: the central directory is at
 * the end) and reads its directory. Each entry must have a plain relative name ending in one of
 * `extensions`, no encryption, and sizes within the caps (total expanded size, ratio) - a zip
 * that fails any of these is refused before one unit is read. The temporary file is deleted
 * on every path out: on refusal here, else by `close`.
 */
export async function openZipUpload(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  extensions: readonly string[],
): Promise<ZipArchive> {
  const dir = await mkdtemp(join(tmpdir(), 'tms-zip-upload-'));
  const path = join(dir, 'upload.zip');
  let zip: yauzl.ZipFile | undefined;
  const close = async (): Promise<void> => {
    zip?.close();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await spool(body, path, maxBytes);
    zip = await openZipFile(path);
    const entries = await checkedEntries(zip, extensions);
    const opened = zip;
    return {
      entries: [...entries.keys()],
      open: (name) => opened.openReadStreamPromise(entries.get(name) as yauzl.Entry),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function spool(body: AsyncIterable<Uint8Array>, path: string, maxBytes: number) {
  const out = createWriteStream(path);
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.length;
      if (size > maxBytes)
        throw new ZipRejectedError('ZIP_TOO_LARGE', `The zip is larger than ${maxBytes} bytes.`);
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
}

async function openZipFile(path: string): Promise<yauzl.ZipFile> {
  try {
    return await yauzl.openPromise(path, {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: true,
      validateEntrySizes: true,
    });
  } catch (error) {
    throw new ZipRejectedError('ZIP_INVALID', `Not a readable zip: ${(error as Error).message}`);
  }
}

async function checkedEntries(
  zip: yauzl.ZipFile,
  extensions: readonly string[],
): Promise<Map<string, yauzl.Entry>> {
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      if (name.endsWith('/') || name === ZIP_MANIFEST) continue;
      checkEntry(entry, extensions);
      if (entries.has(name))
        throw new ZipRejectedError('ZIP_INVALID', 'The zip has this entry twice.', name);
      total += entry.uncompressedSize;
      if (total > ZIP_MAX_UNCOMPRESSED)
        throw new ZipRejectedError(
          'ZIP_TOO_LARGE',
          `The zip's entries expand to more than ${ZIP_MAX_UNCOMPRESSED} bytes.`,
          name,
        );
      if (entries.size >= ZIP_MAX_ENTRIES)
        throw new ZipRejectedError(
          'ZIP_TOO_LARGE',
          `The zip has more than ${ZIP_MAX_ENTRIES} files.`,
        );
      entries.set(name, entry);
    }
  } catch (error) {
    if (error instanceof ZipRejectedError) throw error;
    // yauzl's own refusals: a name that is absolute or climbs out ("../"), a broken directory.
    throw new ZipRejectedError('ZIP_INVALID', `Not a readable zip: ${(error as Error).message}`);
  }
  if (entries.size === 0)
    throw new ZipRejectedError('ZIP_INVALID', `The zip has no ${extensions.join(' or ')} file.`);
  return entries;
}

function checkEntry(entry: yauzl.Entry, extensions: readonly string[]): void {
  const name = entry.fileName;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:]/.test(name) || name.split('/').some((part) => part === '.'))
    throw new ZipRejectedError(
      'ZIP_INVALID',
      'An entry has a name that is not a plain path.',
      name,
    );
  if (!extensions.some((extension) => name.toLowerCase().endsWith(extension)))
    throw new ZipRejectedError(
      'ZIP_INVALID',
      `An entry is not a ${extensions.join(' or ')} file of the chosen format.`,
      name,
    );
  if (entry.isEncrypted())
    throw new ZipRejectedError('ZIP_INVALID', 'An entry is encrypted.', name);
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    throw new ZipRejectedError('ZIP_INVALID', 'An entry uses an unsupported compression.', name);
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > ZIP_RATIO_FLOOR && ratio > ZIP_MAX_RATIO)
    throw new ZipRejectedError(
      'ZIP_TOO_LARGE',
      `An entry expands ${Math.round(ratio)} times (at most ${ZIP_MAX_RATIO}): refused as a zip bomb.`,
      name,
    );
}
