import { SingleFlight } from './single-flight';

describe('SingleFlight', () => {
  it('shares the running work of a key and starts again once it settled', async () => {
    const flights = new SingleFlight<number>();
    let started = 0;
    const work = () => Promise.resolve(++started);
    const [a, b] = [flights.run('k', work), flights.run('k', work)];
    expect(await a).toBe(1);
    expect(await b).toBe(1);
    expect(await flights.run('k', work)).toBe(2);
    expect(await flights.run('other', work)).toBe(3);
  });

  it('frees the key after a failure, and shares the failure meanwhile', async () => {
    const flights = new SingleFlight<number>();
    const failing = flights.run('k', () => Promise.reject(new Error('database down')));
    const joined = flights.run('k', () => Promise.resolve(7));
    await expect(failing).rejects.toThrow('database down');
    await expect(joined).rejects.toThrow('database down');
    await expect(flights.run('k', () => Promise.resolve(7))).resolves.toBe(7);
  });

  it('starts anew after clear(), while the earlier work still settles for its callers', async () => {
    const flights = new SingleFlight<string>();
    let release: (v: string) => void = () => undefined;
    const first = flights.run('k', () => new Promise<string>((r) => (release = r)));
    flights.clear();
    const second = flights.run('k', () => Promise.resolve('fresh'));
    expect(await second).toBe('fresh');
    release('old');
    expect(await first).toBe('old');
    // The old flight settling does not remove the new one's key.
    expect(await flights.run('k', () => Promise.resolve('again'))).toBe('again');
  });
});
