import { useState, useSyncExternalStore } from 'react';
import type { Segment } from '../utils/segments';

/**
 * Segments the editor wrote itself (optimistic edits, save and review answers, a conflict's
 * current segment), laid over the query's pages by mergeSegments. A page of the list still
 * loading in the background was read before these writes and must not undo them.
 */
export class PatchStore {
  private map: ReadonlyMap<string, Segment> = new Map();
  private listeners = new Set<() => void>();

  get(id: string): Segment | undefined {
    return this.map.get(id);
  }
  set(segment: Segment): void {
    const next = new Map(this.map);
    next.set(segment.id, segment);
    this.map = next;
    this.emit();
  }
  delete(id: string): void {
    if (!this.map.has(id)) return;
    const next = new Map(this.map);
    next.delete(id);
    this.map = next;
    this.emit();
  }
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  snapshot = (): ReadonlyMap<string, Segment> => this.map;
  private emit() {
    for (const listener of this.listeners) listener();
  }
}

export function usePatches(): [PatchStore, ReadonlyMap<string, Segment>] {
  const [store] = useState(() => new PatchStore());
  const patches = useSyncExternalStore(store.subscribe, store.snapshot);
  return [store, patches];
}
