import { Logger } from '@nestjs/common';
import { WorkerErrorLog } from './worker-errors';

describe('WorkerErrorLog', () => {
  it('logs the first error, then at most one a minute, counting what it left out', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    let now = 1_000;
    const log = new WorkerErrorLog('test', 60_000, () => now);
    log.report(new Error('connect ECONNREFUSED'));
    now += 1_000;
    log.report(new Error('connect ECONNREFUSED'));
    log.report(new Error('connect ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(1);
    now += 60_000;
    log.report(new Error('connect ECONNREFUSED'));
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][0]).toContain('(2 more since the last warning)');
    warn.mockRestore();
  });
});
