import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** test/fixtures/feeds at the repo root. */
export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/feeds/', import.meta.url));

export const fixture = (...parts: string[]): string => join(FIXTURES, ...parts);
