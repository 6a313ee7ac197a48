/**
 * Whether an error means PostgreSQL cannot be reached or dropped the connection (server down,
 * restarting, backends terminated, pool timed out) rather than a fault of the request or the
 * code. Such errors become 503 with Retry-After: the request may succeed once it is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const candidate of causes(error)) {
    const { code, message, name } = candidate as {
      code?: unknown;
      message?: unknown;
      name?: unknown;
    };
    if (typeof code === 'string' && UNAVAILABLE_CODE.test(code)) return true;
    if (typeof name === 'string' && RELEASED_RUNNER.has(name)) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}

/**
 * SQLSTATE class 08 (connection exception), 57P01-57P03 (admin or crash shutdown, cannot
 * connect now), 53300 (too many connections), and the socket errors of node:net.
 */
const UNAVAILABLE_CODE =
  /^(08[0-9A-Z]{3}|57P0[123]|53300|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ENOTFOUND)$/;

/** What pg and pg-pool say when a connection ends or cannot be had; they set no code. */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated( unexpectedly| due to connection timeout)?|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Connection terminated by user)$/;

/**
 * TypeORM hands a connection back to the pool as soon as it reports an error; the next
 * statement of the same transaction then fails with one of these instead of the lost
 * connection's own error.
 */
const RELEASED_RUNNER = new Set([
  'QueryRunnerProviderAlreadyReleasedError',
  'QueryRunnerAlreadyReleasedError',
]);

/** The error, what TypeORM wrapped (driverError) and any chain of causes, at most a few deep. */
function* causes(error: unknown): Generator<object> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    yield current;
    const next = current as { driverError?: unknown; cause?: unknown };
    if (next.driverError !== undefined && next.driverError !== current) {
      yield* causes(next.driverError);
    }
    current = next.cause;
  }
}
