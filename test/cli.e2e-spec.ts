import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TMS = join(__dirname, '..', 'bin', 'tms.js');

function tms(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [TMS, ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tms CLI (e2e)', () => {
  it('prints help', () => {
    const result = tms(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/segment/);
    expect(result.stdout).toMatch(/migrate/);
    expect(result.stdout).toMatch(/user/);
  });

  it('segments Markdown from standard input as JSON in document order', () => {
    const input =
      '# Before your visit\n\nBring a list of your medicines. Ask **Dr. Patel** about the 2.5 mg dose.\n\n- Insurance card\n- Photo ID\n';
    const result = tms(['segment', '--locale', 'en', '--format', 'markdown'], input);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { position: 0, kind: 'heading', text: 'Before your visit' },
      { position: 1, kind: 'paragraph', text: 'Bring a list of your medicines.' },
      { position: 2, kind: 'paragraph', text: 'Ask {1}Dr. Patel{/1} about the 2.5 mg dose.' },
      { position: 3, kind: 'list-item', text: 'Insurance card' },
      { position: 4, kind: 'list-item', text: 'Photo ID' },
    ]);
  });

  it('segments an inline numbered list in plain text into list items, never a lone marker', () => {
    const input = 'Before your visit: 1. Write down your questions. 2. Bring your medicines.\n';
    const result = tms(['segment', '--locale', 'en', '--format', 'text'], input);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { position: 0, kind: 'paragraph', text: 'Before your visit:' },
      { position: 1, kind: 'list-item', text: 'Write down your questions.' },
      { position: 2, kind: 'list-item', text: 'Bring your medicines.' },
    ]);
  });

  it('segments HTML from a file with inline codes and no attributes in the text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tms-'));
    const file = join(dir, 'a.html');
    writeFileSync(
      file,
      '<p>See the <a href="https://example.org/x" onclick="evil()">leaflet</a>.<script>alert(1)</script></p>',
    );
    const result = tms(['segment', '--locale', 'en', '--format', 'html', file]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { position: 0, kind: 'paragraph', text: 'See the {1}leaflet{/1}.' },
    ]);
  });

  it.each([
    [['segment', '--locale', 'en'], '', /EMPTY_CONTENT/],
    [['segment', '--locale', 'en', '--format', 'pdf'], 'x', /unknown format/],
    [['segment', '--locale', 'en', '/no/such/file'], undefined, /cannot read/],
    [['segment'], 'x', /--locale/],
    [['segment', '--locale', '!!'], 'x', /BCP 47/],
    [['segment', '--locale', 'en'], 'a\u0000b\u0000c\u0000', /BINARY_CONTENT/],
  ])('exits 2 with one line on standard error for %j', (args, input, message) => {
    const result = tms(args, input);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
