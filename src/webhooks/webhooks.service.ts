import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/permissions';
import { SecretBox } from '../common/secret-box';
import { DomainError, notFound } from '../common/domain-error';
import {
  decodeCursor,
  DEFAULT_PAGE_LIMIT,
  isStringPairCursor,
  Page,
  PageQuery,
  toPage,
} from '../common/pagination';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EventHandlerRegistry } from '../jobs/event-handlers';
import type { EventEnvelope } from '../jobs/queues';
import { ProjectsService } from '../projects/projects.service';
import { JOB_TRANSPORT, JobTransport } from '../jobs/job-transport';
import { PeriodicTasks } from '../jobs/periodic-tasks';
import type { DeliveryJob } from '../jobs/queues';
import { describeError } from '../jobs/retry-policy';
import { DELIVERY_TIMEOUT_MS, DeliveryStatus, retryDelayMs, statusAfter } from './delivery-policy';
import { webhookBody } from './signature';
import { assertPublicHost, checkWebhookUrl, SsrfError } from './ssrf';
import { DeliveryResult, sendWebhook } from './webhook-client';
import { CreateWebhookDto, DeliveryDto, WEBHOOK_EVENTS, WebhookDto } from './webhook.dto';

const WEBHOOK_COLUMNS = `w.id, w.url, w.events, w.active, w.created_at AS "createdAt"`;

const DELIVERY_COLUMNS = `
  d.id, d.webhook_id AS "webhookId", d.event_id AS "eventId", d.event_type AS event, d.status,
  d.attempts, d.status_code AS "statusCode", d.duration_ms AS "durationMs", d.error,
  d.redelivery_of AS "redeliveryOf", d.created_at AS "createdAt", d.completed_at AS "completedAt",
  d.created_at::text AS "createdKey",
  COALESCE((SELECT json_agg(json_build_object('attempt', a.attempt, 'statusCode', a.status_code,
                     'durationMs', a.duration_ms, 'error', a.error, 'at', a.created_at) ORDER BY a.attempt)
              FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id), '[]') AS history`;

interface DeliveryRow extends Omit<DeliveryDto, 'createdAt' | 'completedAt'> {
  createdAt: Date;
  completedAt: Date | null;
  createdKey: string;
}

/** What a delivery attempt needs; the secret (sealed) is opened only to sign: signingSecret. */
export interface DeliveryTarget {
  deliveryId: string;
  url: string;
  secret: string;
  body: string;
  event: string;
  status: DeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
}

export const REDRIVE_DELIVERIES_TASK = 'webhooks.redrive-deliveries';

const LOCK = `hashtextextended($1, 0)`;
const PUBLIC_EVENTS = new Set<string>(WEBHOOK_EVENTS);

function toWebhook(row: WebhookDto & { createdAt: Date | string }): WebhookDto {
  return { ...row, createdAt: new Date(row.createdAt).toISOString() };
}

function toDelivery(row: DeliveryRow): DeliveryDto {
  return {
    id: row.id,
    webhookId: row.webhookId,
    eventId: row.eventId,
    event: row.event,
    status: row.status,
    attempts: row.attempts,
    statusCode: row.statusCode,
    durationMs: row.durationMs,
    error: row.error,
    redeliveryOf: row.redeliveryOf,
    createdAt: new Date(row.createdAt).toISOString(),
    completedAt: row.completedAt ? new Date(row.completedAt).toISOString() : null,
    history: row.history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
  };
}

/**
 * Webhooks per project and their deliveries. Deliveries come only from outbox events: a handler
 * for every event type writes one delivery row per subscribed webhook and enqueues one job per
 * row, inside the event's transaction. The transaction holds an advisory lock that the job
 * waits on, so a job never runs before its row is committed, and finds no row (and ends) if the
 * transaction rolled back.
 */
@Injectable()
export class WebhooksService implements OnModuleInit {
  private readonly logger = new Logger(WebhooksService.name);

  /** Signing secrets are stored sealed (see SecretBox); they are opened only to sign. */
  private readonly secrets: SecretBox;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: EventHandlerRegistry,
    private readonly projects: ProjectsService,
    @Inject(JOB_TRANSPORT) private readonly transport: JobTransport,
    private readonly periodic: PeriodicTasks,
  ) {
    this.secrets = new SecretBox(config.secretsKey, 'webhook signing secret');
  }

  onModuleInit(): void {
    if (!this.secrets.encrypts) {
      this.logger.warn(
        'webhook secrets are stored unencrypted: set SECRETS_KEY (or JWT_SECRET) to seal them',
      );
    }
    this.registry.register({
      name: 'webhooks.fanout',
      types: ['*'],
      handle: (event, manager) => this.fanOut(event, manager),
    });
    // With BullMQ a delivery's job can be lost (Redis restarted without persistence); the
    // outbox driver claims due rows itself, so it needs no re-drive.
    if (this.transport.kind === 'bullmq') {
      this.periodic.register({
        name: REDRIVE_DELIVERIES_TASK,
        everyMs: this.config.reconcileEveryMs,
        run: async () => {
          await this.redriveDeliveries();
        },
      });
    }
  }

  // ------------------------------------------------------------------ registration

  async create(actor: Actor, slug: string, dto: CreateWebhookDto): Promise<WebhookDto> {
    const project = await this.projects.findBySlug(slug);
    const url = await this.checkTarget(dto.url);
    const [row] = await this.dataSource.query<WebhookDto[]>(
      `INSERT INTO webhooks (project_id, url, events, secret, active, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${WEBHOOK_COLUMNS.replace(/w\./g, '')}`,
      [project.id, url, dto.events, this.secrets.seal(dto.secret), dto.active ?? true, actor.id],
    );
    return toWebhook(row);
  }

  private async checkTarget(raw: string): Promise<string> {
    const allow = this.config.webhookAllowPrivate;
    let url: URL;
    try {
      url = checkWebhookUrl(raw, allow);
      await assertPublicHost(url.hostname, allow);
    } catch (error) {
      if (!(error instanceof SsrfError)) throw error;
      const malformed = /valid absolute URL|http or https|credentials|no host/.test(error.message);
      throw new DomainError(
        malformed ? 'VALIDATION_FAILED' : 'WEBHOOK_TARGET_REFUSED',
        `url: ${error.message}`,
        { errors: [{ field: 'url', messages: [error.message] }] },
      );
    }
    return url.href;
  }

  async list(slug: string): Promise<WebhookDto[]> {
    const project = await this.projects.findBySlug(slug);
    const rows = await this.dataSource.query<WebhookDto[]>(
      `SELECT ${WEBHOOK_COLUMNS} FROM webhooks w WHERE w.project_id = $1 ORDER BY w.created_at, w.id`,
      [project.id],
    );
    return rows.map(toWebhook);
  }

  async remove(slug: string, id: string): Promise<void> {
    const project = await this.projects.findBySlug(slug);
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      `DELETE FROM webhooks WHERE id = $1 AND project_id = $2`,
      [id, project.id],
    );
    if (affected === 0) throw notFound('Webhook', { id });
  }

  private async webhookOf(slug: string, id: string): Promise<string> {
    const project = await this.projects.findBySlug(slug);
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM webhooks WHERE id = $1 AND project_id = $2`,
      [id, project.id],
    );
    if (!row) throw notFound('Webhook', { id });
    return row.id;
  }

  // ------------------------------------------------------------------ delivery log

  async deliveries(slug: string, webhookId: string, query: PageQuery): Promise<Page<DeliveryDto>> {
    await this.webhookOf(slug, webhookId);
    const cursor = decodeCursor(query.cursor, isStringPairCursor);
    const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
    const rows = await this.dataSource.query<DeliveryRow[]>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
        WHERE d.webhook_id = $1 ${cursor ? `AND (d.created_at, d.id) < ($2::timestamptz, $3::uuid)` : ''}
        ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit + 1}`,
      cursor ? [webhookId, cursor[0], cursor[1]] : [webhookId],
    );
    const page = toPage(rows, limit, (row) => [row.createdKey, row.id]);
    return { items: page.items.map(toDelivery), nextCursor: page.nextCursor };
  }

  async delivery(slug: string, webhookId: string, deliveryId: string): Promise<DeliveryDto> {
    await this.webhookOf(slug, webhookId);
    const [row] = await this.dataSource.query<DeliveryRow[]>(
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.id = $1 AND d.webhook_id = $2`,
      [deliveryId, webhookId],
    );
    if (!row) throw notFound('Delivery', { id: deliveryId });
    return toDelivery(row);
  }

  /** Sends a past delivery again, as a new delivery with its own id and log. */
  async redeliver(slug: string, webhookId: string, deliveryId: string): Promise<DeliveryDto> {
    await this.webhookOf(slug, webhookId);
    const id = await this.dataSource.transaction(async (manager) => {
      const gate = `webhooks:redeliver:${randomUUID()}`;
      await manager.query(`SELECT pg_advisory_xact_lock(${LOCK})`, [gate]);
      const [row] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body, redelivery_of)
         SELECT webhook_id, event_id, event_type, body, id FROM webhook_deliveries
          WHERE id = $1 AND webhook_id = $2
         RETURNING id`,
        [deliveryId, webhookId],
      );
      if (!row) throw notFound('Delivery', { id: deliveryId });
      return row.id;
    });
    // After commit, and never waiting on Redis: a job that cannot be queued now is handed
    // over by the re-drive once Redis answers (the row is pending and due).
    await this.transport
      .dispatchDeliveries([{ deliveryId: id, gate: `webhooks:redeliver:${id}` }])
      .catch((error: unknown) =>
        this.logger.warn(`redelivery ${id} queued later: ${describeError(error)}`),
      );
    return this.delivery(slug, webhookId, id);
  }

  // ------------------------------------------------------------------ fan-out (worker)

  async fanOut(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (!PUBLIC_EVENTS.has(event.type)) return;
    const projectId = event.payload.projectId;
    if (typeof projectId !== 'string') return;
    const body = webhookBody({
      id: event.eventId,
      type: event.type,
      time: event.occurredAt,
      payload: event.payload,
    });
    const gate = `webhooks:event:${event.eventId}`;
    await manager.query(`SELECT pg_advisory_xact_lock(${LOCK})`, [gate]);
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, body)
       SELECT w.id, $2, $3, $4 FROM webhooks w
        WHERE w.project_id = $1 AND w.active AND ($3 = ANY(w.events) OR '*' = ANY(w.events))
       RETURNING id`,
      [projectId, event.eventId, event.type, body],
    );
    // A failed add throws: the transaction rolls back and the event is retried.
    await this.transport.dispatchDeliveries(rows.map((r) => ({ deliveryId: r.id, gate })));
  }

  /**
   * Hands over again the deliveries whose attempt is overdue by more than REDRIVE_AFTER_MS:
   * their BullMQ job was lost. Each gets a new job id; the attempt count lives in the row.
   */
  async redriveDeliveries(): Promise<number> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM.
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE webhook_deliveries SET next_attempt_at = now()
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status IN ('pending', 'retrying')
                        AND next_attempt_at < now() - $1::float8 * interval '1 millisecond'
                      LIMIT 1000)
        RETURNING id`,
      [this.config.redriveAfterMs],
    );
    if (rows.length === 0) return 0;
    this.logger.warn(`re-driving ${rows.length} webhook deliveries whose job was lost`);
    await this.transport.dispatchDeliveries(
      rows.map((r) => ({
        deliveryId: r.id,
        gate: `webhooks:redrive:${r.id}`,
        jobId: `${r.id}-redrive-${randomUUID()}`,
      })),
    );
    return rows.length;
  }

  /**
   * One attempt of a delivery, numbered from its row (so a re-driven job continues the count),
   * recorded with its outcome and, while retrying, when the next attempt is due. Null when
   * there is nothing to attempt (rolled back, deleted, or finished).
   */
  async attempt(job: DeliveryJob): Promise<DeliveryStatus | null> {
    const target = await this.target(job);
    if (!target || target.status === 'succeeded' || target.status === 'failed') return null;
    const attempt = target.attempts + 1;
    const signing = this.signingSecret(target);
    const result: DeliveryResult =
      'error' in signing
        ? { statusCode: null, durationMs: 0, error: signing.error, refused: false }
        : await sendWebhook(
            {
              url: target.url,
              secret: signing.secret,
              body: target.body,
              event: target.event,
              deliveryId: target.deliveryId,
            },
            { allowPrivate: this.config.webhookAllowPrivate, timeoutMs: DELIVERY_TIMEOUT_MS },
          );
    const status = statusAfter(result, attempt, this.config.webhookAttempts);
    await this.record(target.deliveryId, attempt, result, status);
    return status;
  }

  /**
   * Claims due deliveries for in-process attempts (outbox driver): each claimed row's next
   * attempt moves past the attempt's timeout, so a claim that dies with its process is taken
   * again later, and other processes skip it meanwhile.
   */
  async claimDue(limit: number): Promise<DeliveryJob[]> {
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE webhook_deliveries
          SET next_attempt_at = now() + $2::float8 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM webhook_deliveries
                      WHERE status IN ('pending', 'retrying') AND next_attempt_at <= now()
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [limit, DELIVERY_TIMEOUT_MS * 3],
    );
    return rows.map((r) => ({ deliveryId: r.id, gate: `webhooks:claimed:${r.id}` }));
  }

  // ------------------------------------------------------------------ attempts (worker)

  /**
   * The delivery to attempt, once the transaction that created it has finished (the shared lock
   * waits for it); null when it was rolled back or its webhook deleted.
   */
  async target(job: DeliveryJob): Promise<DeliveryTarget | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock_shared(${LOCK})`, [job.gate]);
      const [row] = await manager.query<DeliveryTarget[]>(
        `SELECT d.id AS "deliveryId", w.url, w.secret, d.body, d.event_type AS event, d.status,
                d.attempts
           FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
          WHERE d.id = $1`,
        [job.deliveryId],
      );
      return row ?? null;
    });
  }

  /** The signing secret of a delivery target, or why it cannot be read (the key changed). */
  signingSecret(target: DeliveryTarget): { secret: string } | { error: string } {
    try {
      return { secret: this.secrets.open(target.secret) };
    } catch (error) {
      return { error: `cannot read the signing secret: ${(error as Error).message}` };
    }
  }

  async record(
    deliveryId: string,
    attempt: number,
    result: DeliveryResult,
    status: DeliveryStatus,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, duration_ms, error)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (delivery_id, attempt) DO UPDATE
           SET status_code = EXCLUDED.status_code, duration_ms = EXCLUDED.duration_ms,
               error = EXCLUDED.error, created_at = now()`,
        [deliveryId, attempt, result.statusCode, result.durationMs, result.error],
      );
      await manager.query(
        `UPDATE webhook_deliveries
            SET status = $2, attempts = GREATEST(attempts, $3), status_code = $4, duration_ms = $5,
                error = $6, updated_at = now(),
                completed_at = CASE WHEN $2 IN ('succeeded', 'failed') THEN now() END,
                next_attempt_at = CASE WHEN $2 = 'retrying'
                                       THEN now() + $7::float8 * interval '1 millisecond' END
          WHERE id = $1`,
        [
          deliveryId,
          status,
          attempt,
          result.statusCode,
          result.durationMs,
          result.error,
          retryDelayMs(this.config.webhookBackoffMs, attempt),
        ],
      );
    });
    if (status === 'failed') {
      this.logger.warn(
        `webhook delivery ${deliveryId} failed after ${attempt} attempt(s): ${result.error}`,
      );
    }
  }
}
