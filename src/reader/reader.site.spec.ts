import { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import type { PreparedResponse } from './prepared-page';
import type { ReaderService } from './reader.service';
import { ReaderFastPath, readerServerFactory } from './reader.site';

/** A server as the app builds it, whose Fastify stand-in answers 299 "slow path". */
async function serve(cachedPage: ReaderService['cachedPage']): Promise<{
  server: Server;
  get: (
    path: string,
    method?: string,
  ) => Promise<{ status: number; text: string; headers: Headers }>;
  observed: number[];
}> {
  const fastPath = new ReaderFastPath();
  const observed: number[] = [];
  fastPath.attach({
    reader: { cachedPage } as unknown as ReaderService,
    requestId: () => 'req-1',
    observer: (_method, _route, status) => () => observed.push(status),
  });
  const slowPath = (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(299, { 'content-type': 'text/plain' });
    response.end('slow path');
  };
  const server = readerServerFactory(fastPath)(slowPath, {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const get = async (path: string, method = 'GET') => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { method });
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  return { server, get, observed };
}

const hit: PreparedResponse = {
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  headerList: ['content-type', 'text/html; charset=utf-8', 'x-request-id', ''],
  body: '<p>prepared</p>',
};

describe('readerServerFactory with the fast path', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('answers a prepared page itself, with the request id, and times it', async () => {
    const s = await serve(() => ({ ...hit, headerList: [...hit.headerList] }));
    server = s.server;
    const res = await s.get('/read/health/es/fatigue');
    expect([res.status, res.text, res.headers.get('x-request-id')]).toEqual([
      200,
      '<p>prepared</p>',
      'req-1',
    ]);
    expect(s.observed).toEqual([200]);
  });

  it('hands anything else to Fastify: no prepared page, other paths, other methods', async () => {
    const none = await serve(() => undefined);
    server = none.server;
    for (const path of ['/read/health/es/fatigue', '/read/health/fatigue', '/api/projects']) {
      expect(await none.get(path)).toMatchObject({ status: 299, text: 'slow path' });
    }
    expect(none.observed).toEqual([]);
    await new Promise((resolve) => none.server.close(resolve));
    const prepared = await serve(() => ({ ...hit, headerList: [...hit.headerList] }));
    server = prepared.server;
    expect(await prepared.get('/read/health/es/fatigue', 'POST')).toMatchObject({ status: 299 });
    expect(await prepared.get('/read/health/es/fatigue?v=2&x=1')).toMatchObject({ status: 299 });
    expect(prepared.observed).toEqual([]);
  });

  it('hands the request to Fastify when the fast path throws, and the process lives on', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const s = await serve(() => {
        throw new Error('prepared page cache broke');
      });
      server = s.server;
      expect(await s.get('/read/health/es/fatigue')).toMatchObject({
        status: 299,
        text: 'slow path',
      });
      expect(errors).toHaveBeenCalledWith(
        expect.objectContaining({ msg: 'reader fast path failed' }),
      );
    } finally {
      errors.mockRestore();
    }
  });
});
