import { Logger } from '@nestjs/common';

/**
 * Connection errors of a BullMQ worker while Redis is down. Without a listener BullMQ prints
 * each one with its stack to the console; this logs one warning, then at most one a minute,
 * and says when the connection works again (the outbox keeps the work meanwhile).
 */
export class WorkerErrorLog {
  private readonly logger: Logger;
  private lastLoggedAt = 0;
  private suppressed = 0;

  constructor(
    context: string,
    private readonly everyMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {
    this.logger = new Logger(context);
  }

  report(error: Error): void {
    const now = this.now();
    if (this.lastLoggedAt !== 0 && now - this.lastLoggedAt < this.everyMs) {
      this.suppressed += 1;
      return;
    }
    const more = this.suppressed > 0 ? ` (${this.suppressed} more since the last warning)` : '';
    this.logger.warn(`queue worker waiting for Redis: ${error.message}${more}`);
    this.lastLoggedAt = now;
    this.suppressed = 0;
  }
}
