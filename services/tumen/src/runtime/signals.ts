/**
 * Resolves with the name of the first SIGINT or SIGTERM; other signals listed in
 * `handlers` (e.g. SIGHUP → reload) run their handler and keep waiting.
 */
export function untilSignal(handlers: Partial<Record<NodeJS.Signals, () => void | Promise<void>>> = {}): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const extra = Object.entries(handlers) as [NodeJS.Signals, () => void][];
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      for (const [name, fn] of extra) process.off(name, fn);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    for (const [name, fn] of extra) process.on(name, fn);
  });
}
