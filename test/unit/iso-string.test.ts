/** The DateTime scalar's own ISO-8601 writer gives exactly what Date#toISOString gives. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isoString } from '../../src/schema/shared/iso-string.js';

const same = (ms: number) => assert.equal(isoString(new Date(ms)), new Date(ms).toISOString(), `at ${ms}`);

describe('when an instant is written as ISO-8601', () => {
  it('then the edges of its fast path match the engine', () => {
    const edges = [
      0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000,
      Date.UTC(1972, 1, 29, 23, 59, 59, 999), Date.UTC(2000, 1, 29), Date.UTC(2000, 2, 1) - 1, Date.UTC(2100, 1, 28, 12),
      Date.UTC(2100, 2, 1), Date.UTC(2400, 1, 29), Date.UTC(2026, 11, 31, 23, 59, 59, 999), Date.UTC(2027, 0, 1),
      Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), -1, Date.UTC(1969, 11, 31), Date.UTC(-1, 0, 1),
      8.64e15, -8.64e15,
    ];
    for (const ms of edges) same(ms);
  });

  it('then any instant the engine can write matches it', () => {
    fc.assert(fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), same), { numRuns: 20_000 });
    fc.assert(fc.property(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), same), { numRuns: 20_000 });
  });

  it('then every day of four centuries matches it', () => {
    for (let ms = Date.UTC(1970, 0, 1); ms < Date.UTC(2370, 0, 1); ms += 86_400_000 + 3_723_456) same(ms);
  });
});
