import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The weights files scripts/fixtures/make_state_dict_fixtures.py wrote with Debian's PyTorch, and what each must give. */
export const DIR = join(__dirname, '../../../fixtures/state-dicts');

interface Expected {
  readonly torch: string;
  readonly readable: Record<string, { readonly tensors: { name: string; dtype: string; shape: number[]; values: number[] }[] }>;
  readonly refused: Record<string, string>;
}

/** expected.json: per readable file its tensors; per refused file what the message must contain. */
export const EXPECTED: Expected = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));

/** A fixture file's bytes. */
export function bytesOf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, name)));
}
