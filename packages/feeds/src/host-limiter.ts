/**
 * Politeness per host: one request at a time, and at least `minDelayMs` between the
 * end of one request and the start of the next. Hosts are independent.
 */
export class HostLimiter {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly delays = new Map<string, number>();

  constructor(private readonly minDelayMs: number) {}

  /** Sets a host's own delay (robots.txt Crawl-delay); never below the global minimum. */
  setDelay(host: string, delayMs: number): void {
    this.delays.set(host, Math.max(this.minDelayMs, delayMs));
  }

  /** Runs `task` when the host is free; requests to one host queue in order. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    let release!: () => void;
    const tail = new Promise<void>((resolve) => (release = resolve));
    this.tails.set(host, previous.then(() => tail));
    await previous;
    try {
      return await task();
    } finally {
      setTimeout(() => {
        release();
        if (this.tails.get(host) === tail) this.tails.delete(host);
      }, this.delays.get(host) ?? this.minDelayMs).unref();
    }
  }
}
