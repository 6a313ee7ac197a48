import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { openZipUpload, ZipRejectedError } from './zip-archive';

type Entry = [name: string, content: Buffer | string, compress?: boolean];

async function zipOf(entries: Entry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, content, compress = true] of entries)
    zip.addBuffer(Buffer.from(content), name, { compress });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* chunksOf(data: Buffer, size = 1000): AsyncGenerator<Buffer> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

async function readAll(stream: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += (chunk as Buffer).toString('utf8');
  return text;
}

const spools = () => readdirSync(tmpdir()).filter((name) => name.startsWith('tms-zip-upload-'));

async function refusal(body: Buffer, maxBytes = 1 << 20): Promise<ZipRejectedError> {
  const error = await openZipUpload(chunksOf(body), maxBytes, ['.po']).then(
    () => new Error('opened'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZipRejectedError);
  return error as ZipRejectedError;
}

describe('openZipUpload', () => {
  it('lists the entries of the format in order, skipping manifest.json and folders', async () => {
    const body = await zipOf([
      ['b.es.po', 'msgid "b"'],
      ['manifest.json', '{}'],
      ['sub/a.es.po', 'msgid "a"'],
    ]);
    const zip = await openZipUpload(chunksOf(body), 1 << 20, ['.po']);
    try {
      expect(zip.entries).toEqual(['b.es.po', 'sub/a.es.po']);
      expect(await readAll(await zip.open('sub/a.es.po'))).toBe('msgid "a"');
    } finally {
      await zip.close();
    }
  });

  it('deletes its temporary copy on close and on refusal', async () => {
    const before = spools().length;
    const zip = await openZipUpload(chunksOf(await zipOf([['a.po', 'x']])), 1 << 20, ['.po']);
    expect(spools().length).toBe(before + 1);
    await zip.close();
    expect(spools().length).toBe(before);
    await refusal(await zipOf([['a.txt', 'x']]));
    expect(spools().length).toBe(before);
  });

  it('refuses other formats, bad names, bombs, oversized uploads and non-zips', async () => {
    expect(await refusal(await zipOf([['notes.txt', 'x']]))).toMatchObject({
      code: 'ZIP_INVALID',
      entry: 'notes.txt',
    });
    expect(await refusal(await zipOf([['a\u0001b.po', 'x']]))).toMatchObject({
      code: 'ZIP_INVALID',
    });
    expect(await refusal(await zipOf([['manifest.json', '{}']]))).toMatchObject({
      code: 'ZIP_INVALID',
    });
    const bomb = await zipOf([['bomb.po', Buffer.alloc(4 * 1024 * 1024)]]);
    expect(await refusal(bomb)).toMatchObject({ code: 'ZIP_TOO_LARGE', entry: 'bomb.po' });
    const stored = await zipOf([['big.po', Buffer.alloc(2 * 1024 * 1024), false]]);
    expect(await refusal(stored, 1024 * 1024)).toMatchObject({ code: 'ZIP_TOO_LARGE' });
    expect(await refusal(Buffer.from('not a zip at all'))).toMatchObject({ code: 'ZIP_INVALID' });
  });
});
