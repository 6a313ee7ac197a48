import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { describeError } from './retry-policy';

/** Work a worker does on a schedule: reconciliations, retention. */
export interface PeriodicTask {
  /** Stable and unique: it names the task's advisory lock and its row in periodic_task_runs. */
  name: string;
  everyMs: number;
  run(): Promise<void>;
}

/**
 * Where modules register their periodic tasks (in onModuleInit). Worker processes run them
 * (PeriodicScheduler); each run takes the task's advisory lock and checks its last run, so
 * with several workers a task runs in one process at a time, once per interval.
 */
@Injectable()
export class PeriodicTasks {
  private readonly tasks = new Map<string, PeriodicTask>();

  register(task: PeriodicTask): void {
    if (this.tasks.has(task.name))
      throw new Error(`Periodic task ${task.name} is registered twice`);
    if (!(task.everyMs > 0))
      throw new Error(`Periodic task ${task.name} needs a positive interval`);
    this.tasks.set(task.name, task);
  }

  unregister(name: string): void {
    this.tasks.delete(name);
  }

  list(): PeriodicTask[] {
    return [...this.tasks.values()];
  }
}

/** A first run soon after start, so a restarted worker repairs at once. */
const FIRST_RUN_MS = 1000;

@Injectable()
export class PeriodicScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PeriodicScheduler.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    private readonly tasks: PeriodicTasks,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    for (const task of this.tasks.list()) this.schedule(task, Math.min(FIRST_RUN_MS, task.everyMs));
  }

  private schedule(task: PeriodicTask, delay: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      const run = this.runOnce(task).finally(() => {
        this.running.delete(run);
        this.schedule(task, task.everyMs);
      });
      this.running.add(run);
    }, delay);
    timer.unref();
    this.timers.set(task.name, timer);
  }

  /**
   * Runs the task unless another process holds its lock or ran it within the interval;
   * true when it ran. A failure is logged and recorded; the next interval tries again.
   */
  async runOnce(task: PeriodicTask): Promise<boolean> {
    const key = `tms:periodic:${task.name}`;
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked`,
        [key],
      )) as Array<{ locked: boolean }>;
      if (!locked) return false;
      try {
        const recent = (await runner.query(
          `SELECT 1 FROM periodic_task_runs
            WHERE name = $1 AND last_run_at > now() - $2::float8 * interval '1 millisecond'`,
          [task.name, task.everyMs * 0.9],
        )) as unknown[];
        if (recent.length > 0) return false;
        let failure: string | null = null;
        try {
          await task.run();
        } catch (error) {
          failure = describeError(error);
          this.logger.warn(`periodic task ${task.name} failed: ${failure}`);
        }
        await runner.query(
          `INSERT INTO periodic_task_runs (name, last_run_at, last_error) VALUES ($1, now(), $2)
           ON CONFLICT (name) DO UPDATE SET last_run_at = now(), last_error = $2`,
          [task.name, failure],
        );
        return true;
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [key]);
      }
    } catch (error) {
      this.logger.warn(`periodic task ${task.name} not run: ${describeError(error)}`);
      return false;
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    await Promise.all([...this.running]);
  }
}
