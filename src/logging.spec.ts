import { Logger } from '@nestjs/common';
import { createLogger, NestPinoLogger, redactUrl, requestLogLevel } from './logging';

type Line = Record<string, unknown> & { level: number; msg?: string };

function capture(level: Parameters<typeof createLogger>[0] = 'trace') {
  const lines: Line[] = [];
  const logger = createLogger(level, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, nest: new NestPinoLogger(logger), lines };
}

describe('createLogger', () => {
  it('writes one JSON line per call, at and above its level only', () => {
    const { logger, lines } = capture('warn');
    logger.info('not written');
    logger.warn({ requestId: 'r-1' }, 'written');
    expect(lines).toEqual([
      expect.objectContaining({ level: 40, requestId: 'r-1', msg: 'written' }),
    ]);
  });

  it('redacts secrets wherever a caller puts them', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: 'hunter2-top',
        token: 'tok-top',
        body: {
          password: 'hunter2-nested',
          accessToken: 'tok-nested',
          secret: 's3cret',
          email: 'a@b.c',
        },
        req: { headers: { authorization: 'Bearer abc.def', cookie: 'session=xyz', accept: '*/*' } },
      },
      'login',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['hunter2', 'tok-', 's3cret', 'abc.def', 'session=xyz']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({
      password: '[redacted]',
      body: { password: '[redacted]', email: 'a@b.c' },
      req: { headers: { authorization: '[redacted]', accept: '*/*' } },
    });
  });
});

describe('NestPinoLogger', () => {
  it('maps Nest levels to pino levels and keeps the context as a field', () => {
    const { nest, lines } = capture();
    nest.verbose('v', 'Ctx');
    nest.debug('d', 'Ctx');
    nest.log('l', 'Ctx');
    nest.warn('w', 'Ctx');
    nest.error('e', 'Ctx');
    nest.fatal('f', 'Ctx');
    expect(lines.map((l) => [l.level, l.msg, l.context])).toEqual([
      [10, 'v', 'Ctx'],
      [20, 'd', 'Ctx'],
      [30, 'l', 'Ctx'],
      [40, 'w', 'Ctx'],
      [50, 'e', 'Ctx'],
      [60, 'f', 'Ctx'],
    ]);
  });

  it('turns an Error or an object message into fields, and a stack argument into err', () => {
    const { nest, lines } = capture();
    nest.error(new Error('boom'), 'Ctx');
    nest.warn({ msg: 'slow job', jobId: '42' }, 'Ctx');
    nest.error('handler failed', 'Error: handler failed\n    at handler (file.ts:1:1)', 'Ctx');
    expect(lines[0]).toMatchObject({ context: 'Ctx', err: { type: 'Error', message: 'boom' } });
    expect(lines[1]).toMatchObject({ context: 'Ctx', msg: 'slow job', jobId: '42' });
    expect(lines[2]).toMatchObject({
      msg: 'handler failed',
      context: 'Ctx',
      err: { message: 'handler failed', stack: expect.stringContaining('at handler') },
    });
  });

  it('receives what `new Logger(name)` writes once it is the app logger', () => {
    const { nest, lines } = capture();
    Logger.overrideLogger(nest);
    try {
      new Logger('PublishingService').log('published demo/fatigue es #2');
    } finally {
      Logger.overrideLogger(true);
    }
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'published demo/fatigue es #2',
        context: 'PublishingService',
      }),
    ]);
  });

  it("sends Nest's per-module and per-route boot messages at debug", () => {
    const { nest, lines } = capture('info');
    nest.log('ArticlesModule dependencies initialized', 'InstanceLoader');
    nest.log('Mapped {/api/projects, GET} route', 'RouterExplorer');
    nest.log('ProjectsController {/api/projects}:', 'RoutesResolver');
    nest.log('Nest application successfully started', 'NestApplication');
    expect(lines.map((l) => [l.level, l.context])).toEqual([[30, 'NestApplication']]);
  });

  it('writes nothing below the logger level', () => {
    const { nest, lines } = capture('info');
    nest.debug('hidden', 'Ctx');
    nest.verbose('hidden', 'Ctx');
    expect(lines).toEqual([]);
  });
});

describe('requestLogLevel', () => {
  it.each([
    [200, 'info'],
    [304, 'info'],
    [400, 'warn'],
    [404, 'warn'],
    [500, 'error'],
    [503, 'error'],
  ])('logs a %i at %s', (status, level) => {
    expect(requestLogLevel(status)).toBe(level);
  });
});

describe('redactUrl', () => {
  it.each([
    ['/api/projects', '/api/projects'],
    ['/api/projects?page=2&limit=50', '/api/projects?page=2&limit=50'],
    ['/api/x?access_token=abc.def&page=2', '/api/x?access_token=[redacted]&page=2'],
    [
      '/api/x?page=2&api_key=k1&Password=p&sig=1',
      '/api/x?page=2&api_key=[redacted]&Password=[redacted]&sig=1',
    ],
    ['/api/x?client_secret=s&code=c', '/api/x?client_secret=[redacted]&code=[redacted]'],
    ['/api/x?token', '/api/x?token'],
    ['/api/tokens?page=1', '/api/tokens?page=1'],
  ])('logs %s as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});
