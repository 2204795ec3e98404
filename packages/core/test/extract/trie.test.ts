import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAutomaton, type Automaton } from '../../src/extract/automaton.ts';
import { HEAD_TRIAL, TrieBuilder } from '../../src/extract/trie.ts';

// The builder looks up the node after a name's first words rather than walking them
// again (see TrieBuilder.walkFromRoot), and stops looking when the first words seldom
// repeat. These tests hold the trie it builds to the keys it was given, whichever way
// each key went in.

/** The number of trie nodes `keys` need: one per distinct non-empty prefix, and the root. */
function nodesFor(keys: readonly string[]): number {
  const prefixes = new Set<string>();
  for (const k of keys) for (let i = 1; i <= k.length; i++) prefixes.add(k.slice(0, i));
  return prefixes.size + 1;
}

/** Every hit of an automaton's keys on `text`, as "key@start-end". */
function hitsOf(automaton: Automaton, text: string): string[] {
  const hits: string[] = [];
  automaton.scan(text, (k, s, e) => hits.push(`${k}@${s}-${e}`));
  return hits;
}

/** Checks that each key alone is found as its own output and no other key's (keys are distinct here); returns the automaton. */
function expectEachKeyFound(builder: TrieBuilder, keys: readonly string[]): Automaton {
  const automaton = buildAutomaton(builder);
  for (let k = 0; k < keys.length; k++) {
    const found: number[] = [];
    automaton.scan(keys[k]!, (key, s, e) => {
      if (s === 0 && e === keys[k]!.length) found.push(key);
    });
    expect(found, keys[k]).toEqual([k]);
  }
  return automaton;
}

/**
 * Builds `keys` with `fill` twice: checks that one trie has a node per distinct prefix and
 * that the other finds every key; returns the latter's automaton.
 */
function expectBuiltRight(fill: (b: TrieBuilder) => void, keys: readonly string[]): Automaton {
  const twin = new TrieBuilder(16);
  fill(twin);
  expect(twin.count).toBe(keys.length);
  expect(twin.finish().nodeCount).toBe(nodesFor(keys));
  const builder = new TrieBuilder(16);
  fill(builder);
  return expectEachKeyFound(builder, keys);
}

/** Adds `whole` one by one, then a Cyrillic name's `heads` and tail from their parts, as the compiler does. */
const wholeThenParts =
  (whole: readonly string[], heads: readonly string[], tail: string) =>
  (b: TrieBuilder): void => {
    for (const k of whole) b.add(k);
    b.addCombinations([heads, [tail]], [[false, false]], -1);
  };

const FIRST = ['sergei ivanovich ', 'amur trade company no. ', 'alexander petrovich ', 'kim jong ', 'сергей иванович ', 'сергея ивановича '];
const word = fc.stringMatching(/^[a-zа-я]{1,6}$/);

describe('TrieBuilder: first words looked up, not walked again', () => {
  it('keys sharing their first words make one node per distinct prefix, and each is found', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(fc.constantFrom(...FIRST, ''), word).map(([head, last]) => head + last), { minLength: 1, maxLength: 40 }), (keys) => {
        expectBuiltRight((b) => keys.forEach((k) => b.add(k)), keys);
      }),
      { numRuns: 200 },
    );
  });

  it('heads shared between keys added whole and keys added from their parts lead to the same nodes', () => {
    const heads = ['сергей иванович ', 'сергея ивановича ', 'сергею ивановичу '];
    const fill = (b: TrieBuilder): void => {
      wholeThenParts(['sergei ivanovich petrov'], heads, 'петров')(b);
      wholeThenParts(['сергей иванович петровский'], ['sergei ivanovich '], 'sokolov')(b);
    };
    const keys = ['sergei ivanovich petrov', ...heads.map((h) => `${h}петров`), 'сергей иванович петровский', 'sergei ivanovich sokolov'];
    const automaton = expectBuiltRight(fill, keys);
    expect(hitsOf(automaton, 'сергею ивановичу петров и sergei ivanovich sokolov')).toEqual(['3@0-23', '5@26-50']);
  });

  it('stays right when first words stop repeating and the lookups stop', () => {
    // Thousands of keys whose first words are all different (the lookups stop), then keys
    // whose first words repeat, some of them new, some seen before the lookups stopped,
    // and a name added from its parts, whose heads are then walked.
    const whole: string[] = [];
    for (let i = 0; i < 6000; i++) whole.push(`unique head ${i.toString(36)} name`);
    for (let i = 0; i < 300; i++) whole.push(`${FIRST[i % FIRST.length]}n${i}`);
    whole.push('unique head 0 other', 'unique head 5 name again');
    const heads = ['сергей иванович ', 'сергея ивановича '];
    expectBuiltRight(wholeThenParts(whole, heads, 'петров'), [...whole, ...heads.map((h) => `${h}петров`)]);
  });

  it('stays right when the lookups stop in the middle of a name added from its parts', () => {
    // The trial's last lookup finds the first head (added before), and fails the trial:
    // the next head is walked, from the root, not from where the found one would be.
    const heads = ['сергей иванович ', 'сергея ивановича ', 'сергею ивановичу '];
    const whole = [`${heads[0]}x`];
    for (let i = 0; whole.length < HEAD_TRIAL - 1; i++) whole.push(`unique head ${i.toString(36)} name`);
    expectBuiltRight(wholeThenParts(whole, heads, 'петров'), [...whole, ...heads.map((h) => `${h}петров`)]);
  });
});
