import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope } from './queues';

export interface EventHandler {
  /** A stable name; together with the event id it makes handling idempotent. */
  name: string;
  types: readonly string[];
  /** Runs inside a transaction that also records the event as handled by this handler. */
  handle(event: EventEnvelope, manager: EntityManager): Promise<void>;
}

/** Modules register what they do with outbox events; the events processor runs them. */
@Injectable()
export class EventHandlerRegistry {
  private readonly handlers: EventHandler[] = [];

  register(handler: EventHandler): void {
    if (this.handlers.some((h) => h.name === handler.name)) {
      throw new Error(`Event handler ${handler.name} is registered twice`);
    }
    this.handlers.push(handler);
  }

  unregister(name: string): void {
    const index = this.handlers.findIndex((h) => h.name === name);
    if (index >= 0) this.handlers.splice(index, 1);
  }

  for(type: string): EventHandler[] {
    return this.handlers.filter((h) => h.types.includes(type) || h.types.includes('*'));
  }
}
