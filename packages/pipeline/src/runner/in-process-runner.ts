import type { QueueContract } from '../contracts/contract.ts';
import type { PipelineDeps } from '../deps.ts';
import type { Binding, JobRunner, RunnerEvents } from './runner.ts';

interface Job {
  id: string;
  queue: string;
  payload: unknown;
  attempt: number;
}

/**
 * The embedded-mode runner: jobs live in memory and run in this process, with the
 * same schemas, job-id dedupe and retry policy as BullMQ. Jobs are not durable: a
 * crash loses queued jobs, which the next poll re-queues (articles owed an
 * extraction are found again by `pendingExtraction`).
 */
export class InProcessRunner implements JobRunner {
  private readonly waiting = new Map<string, Job[]>();
  private readonly known = new Set<string>();
  private readonly running = new Map<string, number>();
  private readonly bindings = new Map<string, Binding<any, any>>();
  private readonly contracts = new Map<string, QueueContract<any>>();
  private retryTimers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];
  private deps?: PipelineDeps;
  private events: RunnerEvents = {};
  private closed = false;
  private inFlight = 0;

  readonly enqueue = async <P>(queue: QueueContract<P>, payload: P): Promise<void> => {
    const parsed = queue.schema.parse(payload);
    const id = queue.jobId(parsed);
    if (this.known.has(id) || this.closed) return;
    this.known.add(id);
    this.contracts.set(queue.name, queue);
    this.push({ id, queue: queue.name, payload: parsed, attempt: 1 });
  };

  async start(bindings: Binding<any, any>[], deps: PipelineDeps, events: RunnerEvents = {}): Promise<void> {
    this.deps = deps;
    this.events = events;
    for (const b of bindings) {
      this.bindings.set(b.queue.name, b);
      this.contracts.set(b.queue.name, b.queue);
    }
    for (const name of this.bindings.keys()) this.pump(name);
  }

  private push(job: Job): void {
    const list = this.waiting.get(job.queue) ?? [];
    list.push(job);
    this.waiting.set(job.queue, list);
    this.pump(job.queue);
  }

  private pump(queue: string): void {
    const binding = this.bindings.get(queue);
    if (!binding || !this.deps || this.closed) return;
    const list = this.waiting.get(queue) ?? [];
    while (list.length && (this.running.get(queue) ?? 0) < binding.concurrency) {
      const job = list.shift()!;
      this.running.set(queue, (this.running.get(queue) ?? 0) + 1);
      this.inFlight++;
      void this.execute(job, binding).finally(() => {
        this.running.set(queue, (this.running.get(queue) ?? 1) - 1);
        this.inFlight--;
        this.pump(queue);
        this.checkIdle();
      });
    }
  }

  private async execute(job: Job, binding: Binding<any, any>): Promise<void> {
    const started = performance.now();
    try {
      const result = await binding.handler(job.payload, this.deps!);
      this.known.delete(job.id);
      this.events.completed?.(job.queue, job.payload, result, performance.now() - started);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const { attempts, backoffMs } = binding.queue.retry;
      const final = job.attempt >= attempts || this.closed;
      this.events.failed?.(job.queue, job.payload, error, final);
      if (final) {
        this.known.delete(job.id);
        return;
      }
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.push({ ...job, attempt: job.attempt + 1 });
      }, backoffMs * 2 ** (job.attempt - 1));
      this.retryTimers.add(timer);
    }
  }

  private pendingCount(): number {
    let n = this.inFlight + this.retryTimers.size;
    for (const [queue, list] of this.waiting) if (this.bindings.has(queue)) n += list.length;
    return n;
  }

  private checkIdle(): void {
    if (this.pendingCount() > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  drain(): Promise<void> {
    if (this.pendingCount() === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    this.waiting.clear();
    this.checkIdle();
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  }
}
