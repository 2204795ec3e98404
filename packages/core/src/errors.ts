/**
 * A configuration file is invalid. The message names the file, the line and the field,
 * in one sentence a user can act on.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
    readonly field?: string,
  ) {
    super(message);
  }
}
