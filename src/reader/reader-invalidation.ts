import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '../config/config';
import { LibraryService } from './library.service';
import { ReaderService } from './reader.service';

/** The channel the database triggers notify on a publication, withdrawal or locale change. */
export const READER_CHANNEL = 'tms_reader';
const MAX_RETRY_MS = 5000;

/** What changed: one article, or (no `article`) every article and the library of a project. */
export interface ReaderChange {
  project: string;
  article?: string;
}

export function parseReaderChange(payload: string | undefined): ReaderChange | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as Record<string, unknown>;
    if (typeof value.project !== 'string') return null;
    return typeof value.article === 'string'
      ? { project: value.project, article: value.article }
      : { project: value.project };
  } catch {
    return null;
  }
}

/**
 * Keeps every API process's reader views current: one connection per process LISTENs on
 * `tms_reader`, which triggers on publications, withdrawals and project locales NOTIFY when
 * they commit (rare writes, so the commit-time lock NOTIFY takes costs nothing measurable),
 * and each notification drops the cached views it concerns, here and in every other process,
 * at once. Views are then trusted for STATE_TTL_MS (a safety net); while the connection is
 * down, for UNWATCHED_TTL_MS only. On connecting and on losing the connection every view is
 * dropped, since a notification may have been missed.
 */
@Injectable()
export class ReaderInvalidation implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReaderInvalidation.name);
  private client: Client | null = null;
  private stopped = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reader: ReaderService,
    private readonly library: LibraryService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** Whether notifications are being received (for tests and health). */
  get listening(): boolean {
    return this.client !== null;
  }

  apply(change: ReaderChange): void {
    this.reader.invalidate(change.project, change.article);
    this.library.invalidate(change.project);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'tms-reader-invalidation',
    });
    client.on('notification', (message) => {
      const change = parseReaderChange(message.payload);
      if (change) this.apply(change);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${READER_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.retry(error);
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.resetViews(true);
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => undefined);
    this.resetViews(false);
    this.retry(error);
  }

  private retry(error: unknown): void {
    if (this.stopped) return;
    this.failures += 1;
    if (this.failures === 1)
      this.logger.warn({ msg: 'reader invalidation channel down; retrying', err: error });
    const delay = Math.min(250 * 2 ** (this.failures - 1), MAX_RETRY_MS);
    this.timer = setTimeout(() => void this.connect(), delay);
  }

  /** Anything may have changed unseen: start from nothing, trusting views as long as `watched` allows. */
  private resetViews(watched: boolean): void {
    this.reader.resetViews(watched);
    this.library.resetViews(watched);
  }
}
