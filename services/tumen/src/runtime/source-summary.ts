/**
 * How many configured sources will be polled, for the line a long-running command prints
 * when it starts and for its log: the same count in both, and the disabled ones named as
 * such rather than silently left out.
 */
export function sourceSummary(sources: readonly { enabled: boolean }[]): { sources: number; disabled: number; text: string } {
  const enabled = sources.filter((s) => s.enabled).length;
  const disabled = sources.length - enabled;
  return { sources: enabled, disabled, text: `${enabled} source${enabled === 1 ? '' : 's'}${disabled > 0 ? `, ${disabled} disabled` : ''}` };
}
