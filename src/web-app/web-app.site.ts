import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import { preferredEncoding } from '../reader/encoding';

/**
 * The translator, reviewer and admin app (web/, built by `npm run build` into dist/web): served
 * under /app by plain Fastify routes added ahead of Nest, like the reader site. Hashed files
 * under /app/assets/ are cached for a year; every other /app path is the app's index.html
 * (the app routes in the browser), revalidated on every use.
 */

/** No inline script or style, nothing from elsewhere; API calls go to this origin only. */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': WEB_APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
} as const;

export const NOT_BUILT_HINT = 'The web app is not built: run npm run build\n';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const TYPES: Record<string, { type: string; compressible: boolean }> = {
  '.html': { type: 'text/html; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.mjs': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.json': { type: 'application/json; charset=utf-8', compressible: true },
  '.map': { type: 'application/json; charset=utf-8', compressible: true },
  '.webmanifest': { type: 'application/manifest+json; charset=utf-8', compressible: true },
  '.txt': { type: 'text/plain; charset=utf-8', compressible: true },
  '.svg': { type: 'image/svg+xml', compressible: true },
  '.ico': { type: 'image/x-icon', compressible: true },
  '.png': { type: 'image/png', compressible: false },
  '.jpg': { type: 'image/jpeg', compressible: false },
  '.jpeg': { type: 'image/jpeg', compressible: false },
  '.webp': { type: 'image/webp', compressible: false },
  '.avif': { type: 'image/avif', compressible: false },
  '.woff2': { type: 'font/woff2', compressible: false },
  '.woff': { type: 'font/woff', compressible: false },
};
const UNKNOWN_TYPE = { type: 'application/octet-stream', compressible: false };

/** Files smaller than this go as they are. */
const COMPRESS_MIN_BYTES = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Coding = 'br' | 'gzip' | 'identity';

interface FileVersion {
  mtimeMs: number;
  size: number;
}

/**
 * The files of the app's directory: resolved without escaping it, read, and compressed once
 * per (file, modification, coding). Assets are immutable, so their compressed forms are kept.
 */
export class WebAppFiles {
  private readonly logger = new Logger('WebApp');
  private readonly encoded = new LRUCache<string, Buffer>({
    maxSize: 64 * 1024 * 1024,
    sizeCalculation: (value) => Math.max(1, value.length),
  });
  readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /**
   * The absolute path of `relative` (already percent-decoded) inside the directory, or null when
   * it would leave it or names something odd (NUL, a backslash).
   */
  resolve(relative: string): string | null {
    if (relative.includes('\0') || relative.includes('\\')) return null;
    const full = resolve(this.root, '.' + sep + relative);
    return full === this.root || full.startsWith(this.root + sep) ? full : null;
  }

  /** A regular file's version, or null when there is no such file. */
  async version(path: string): Promise<FileVersion | null> {
    try {
      const info = await stat(path);
      return info.isFile() ? { mtimeMs: info.mtimeMs, size: info.size } : null;
    } catch {
      return null;
    }
  }

  /** The file's bytes in the coding asked for (identity for small or incompressible files). */
  async body(
    path: string,
    version: FileVersion,
    coding: Coding,
  ): Promise<{ body: Buffer; coding: Coding }> {
    const raw = async (): Promise<Buffer> => readFile(path);
    const { compressible } = TYPES[extname(path).toLowerCase()] ?? UNKNOWN_TYPE;
    if (coding === 'identity' || !compressible || version.size < COMPRESS_MIN_BYTES)
      return { body: await raw(), coding: 'identity' };
    const key = `${coding}:${version.mtimeMs}:${version.size}:${path}`;
    const cached = this.encoded.get(key);
    if (cached) return { body: cached, coding };
    const precompressed = await this.precompressed(path, coding);
    const body =
      precompressed ??
      (coding === 'br'
        ? await brotli(await raw(), {
            params: {
              [zlib.BROTLI_PARAM_QUALITY]: 11,
              [zlib.BROTLI_PARAM_SIZE_HINT]: version.size,
            },
          })
        : await gzipAsync(await raw(), { level: 9 }));
    this.encoded.set(key, body);
    return { body, coding };
  }

  /** `<file>.br` or `<file>.gz` beside the file, when the build made one. */
  private async precompressed(path: string, coding: 'br' | 'gzip'): Promise<Buffer | null> {
    try {
      return await readFile(`${path}.${coding === 'br' ? 'br' : 'gz'}`);
    } catch {
      return null;
    }
  }

  warn(message: string): void {
    this.logger.warn(message);
  }
}

/** The part of an /app URL after `/app/`, percent-decoded; null when it does not decode. */
export function appRelativePath(url: string): string | null {
  const path = url.split('?', 1)[0];
  const rest = path === '/app' ? '' : path.slice('/app/'.length);
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

const etagOf = (version: FileVersion, coding: Coding): string =>
  `W/"${version.size.toString(16)}-${Math.floor(version.mtimeMs).toString(16)}-${coding}"`;

/** Adds the /app routes, and the redirects of `/` and `/admin` to the app. */
export function registerWebApp(fastify: FastifyInstance, dir: string): void {
  const files = new WebAppFiles(dir);
  const index = files.resolve('index.html') as string;

  const plain = (reply: FastifyReply, status: number, text: string): FastifyReply =>
    reply
      .code(status)
      .headers(SECURITY_HEADERS)
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(text);

  const sendFile = async (
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    version: FileVersion,
    cacheControl: string,
  ): Promise<FastifyReply> => {
    const { type, compressible } = TYPES[extname(path).toLowerCase()] ?? UNKNOWN_TYPE;
    const { body, coding } = await files.body(
      path,
      version,
      preferredEncoding(request.headers['accept-encoding']),
    );
    const etag = etagOf(version, coding);
    void reply.headers(SECURITY_HEADERS).header('cache-control', cacheControl).header('etag', etag);
    if (compressible) void reply.header('vary', 'Accept-Encoding');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    if (coding !== 'identity') void reply.header('content-encoding', coding);
    return reply.code(200).header('content-type', type).send(body);
  };

  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const indexVersion = await files.version(index);
    if (!indexVersion) return plain(reply, 503, NOT_BUILT_HINT);
    const relative = appRelativePath(request.url);
    const path = relative === null ? null : files.resolve(relative);
    if (path === null) return plain(reply, 404, 'Not found\n');
    const isAsset = relative!.startsWith('assets/');
    const version = path === files.root ? null : await files.version(path);
    if (version) return sendFile(request, reply, path, version, isAsset ? IMMUTABLE : REVALIDATE);
    // A missing hashed file is a 404, not the index: a stale page must not run HTML as script.
    if (isAsset) return plain(reply, 404, 'Not found\n');
    return sendFile(request, reply, index, indexVersion, REVALIDATE);
  };

  const safely =
    (handler: typeof serve) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      try {
        return await handler(request, reply);
      } catch (error) {
        files.warn(`web app file failed: ${(error as Error).message}`);
        return plain(reply, 500, 'The web app could not be served.\n');
      }
    };

  fastify.get('/app', { compress: false }, safely(serve));
  fastify.get('/app/*', { compress: false }, safely(serve));
  fastify.get('/', (_request, reply) => reply.redirect('/app/', 302));
  fastify.get('/admin', (_request, reply) => reply.redirect('/app/admin', 302));
}
