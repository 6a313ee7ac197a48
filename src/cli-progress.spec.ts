import { formatProgress, progressOnStderr } from './cli-progress';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return {
    isTTY,
    written,
    write: (text: string) => written.push(text) > 0,
  } as unknown as NodeJS.WriteStream & { written: string[] };
}

describe('CLI progress', () => {
  it('draws a bar with the share and megabytes done', () => {
    const mb = 1024 * 1024;
    expect(formatProgress(5 * mb, 20 * mb, '1200 units')).toBe(
      `[${'#'.repeat(8)}${'-'.repeat(22)}]  25% 5.0 MB/20.0 MB  1200 units`,
    );
    expect(formatProgress(20 * mb, 20 * mb)).toBe(`[${'#'.repeat(30)}] 100% 20.0 MB/20.0 MB`);
    expect(formatProgress(3 * mb, undefined)).toBe('3.0 MB');
  });

  it('writes to a terminal and erases the line at the end', () => {
    const stream = fakeStream(true);
    const progress = progressOnStderr(100, (done, total) => `${done}/${total}`, stream);
    progress.update(100);
    progress.finish();
    expect(stream.written).toEqual(['\r100/100\u001b[K', '\r\u001b[K']);
  });

  it('writes nothing when standard error is not a terminal', () => {
    const stream = fakeStream(false);
    const progress = progressOnStderr(100, undefined, stream);
    progress.update(50);
    progress.finish();
    expect(stream.written).toEqual([]);
  });
});
