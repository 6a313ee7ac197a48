import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import Negotiator from 'negotiator';

/**
 * Content codings for reader pages. A page is immutable once prepared, so it is compressed once,
 * at the strongest settings, off the event loop; every request then picks a ready body.
 */
export const ENCODINGS = ['br', 'gzip', 'identity'] as const;
export type ContentEncoding = (typeof ENCODINGS)[number];

export type EncodedBodies = Record<ContentEncoding, Buffer>;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The page body in every coding (brotli at quality 11 and gzip at level 9, on the thread pool). */
export async function encodeBody(body: Buffer): Promise<EncodedBodies> {
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { br, gzip: gz, identity: body };
}

/** Distinct Accept-Encoding values remembered; browsers send a handful. */
const REMEMBERED = 256;
const chosen = new Map<string, ContentEncoding>();

/** negotiator 1.x takes the server's order for ties; @types/negotiator (0.6) predates it. */
type EncodingsWithPreference = (
  available: readonly string[],
  options: { preferred: readonly string[] },
) => string[];

/**
 * The coding to answer with for an Accept-Encoding header (RFC 9110 §12.5.3: q-values, `*`,
 * `identity;q=0`, parsed by `negotiator`). At equal preference br wins over gzip, whatever
 * order the client listed them in. No header, or nothing acceptable, gets the page as it is:
 * a client that refuses even identity still gets a readable page, as nginx does.
 */
export function preferredEncoding(acceptEncoding: string | undefined): ContentEncoding {
  if (acceptEncoding === undefined || acceptEncoding === '') return 'identity';
  const known = chosen.get(acceptEncoding);
  if (known !== undefined) return known;
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } });
  const encodings = negotiator.encodings.bind(negotiator) as EncodingsWithPreference;
  const [best] = encodings(ENCODINGS, { preferred: ENCODINGS });
  const encoding = ENCODINGS.find((e) => e === best) ?? 'identity';
  if (chosen.size < REMEMBERED) chosen.set(acceptEncoding, encoding);
  return encoding;
}
