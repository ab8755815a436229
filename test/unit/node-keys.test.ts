/** Node keys are the JSON of their IDs, whichever way they are written; the keys of IDs issued before still read. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeKey, parseNodeKey } from '../../src/schema/shared/node-keys.js';

const HOME = { region: 'us-west-2', account: 'default', home: true };
const AWAY = { region: 'eu-central-1', account: 'prod' };

/** Strings of the characters that need escaping in JSON and of those that do not, mixed. */
function randomId(seed: number): string {
  const alphabet = ['a', 'Z', '0', '-', '_', '.', ':', '/', '"', '\\', '\n', '\u0001', 'é', '\u2028', ' ', '@', '+', '=', ','];
  let s = '';
  for (let i = 0, x = seed; i < 1 + (seed % 12); i++, x = (x * 1103515245 + 12345) % 2 ** 31) s += alphabet[x % alphabet.length];
  return s;
}

describe('node keys', () => {
  it('are exactly JSON.stringify of the IDs (and the place away from home), for any characters', () => {
    for (let seed = 0; seed < 2000; seed++) {
      const ids = [randomId(seed), randomId(seed + 7919), randomId(seed + 104729)];
      assert.equal(nodeKey(ids, HOME), JSON.stringify(ids));
      assert.equal(nodeKey(ids, AWAY), JSON.stringify([...ids, 'eu-central-1', 'prod']));
    }
    const farm = 'farm-0123456789abcdef0123456789abcdef';
    assert.equal(nodeKey([farm, 'queue-1'], HOME), `["${farm}","queue-1"]`);
  });

  it('read back to the same IDs and place', () => {
    const ids = ['farm-1', 'a "quoted" \\ id'];
    assert.deepEqual(parseNodeKey(nodeKey(ids, HOME), ['farmId', 'other']), { ids: { farmId: 'farm-1', other: 'a "quoted" \\ id' }, place: undefined });
    assert.deepEqual(parseNodeKey(nodeKey(ids, AWAY), ['farmId', 'other']), { ids: { farmId: 'farm-1', other: 'a "quoted" \\ id' }, place: { region: 'eu-central-1', account: 'prod' } });
  });
});
