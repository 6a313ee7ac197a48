/**
 * One call in flight per key: callers that ask for a key while its work runs share that work's
 * promise instead of starting their own (a cache refill after expiry, say). The key is free
 * again once the work settles.
 */
export class SingleFlight<V> {
  private readonly flights = new Map<string, Promise<V>>();

  run(key: string, start: () => Promise<V>): Promise<V> {
    const running = this.flights.get(key);
    if (running) return running;
    const flight: Promise<V> = start().finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key);
    });
    this.flights.set(key, flight);
    return flight;
  }

  /** Later calls start anew; work already running still settles for its own callers. */
  clear(): void {
    this.flights.clear();
  }
}
