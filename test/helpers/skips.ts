/**
 * Tests that need something a machine may lack (Chromium, boto3). On a developer's machine they are skipped, and the
 * skips reporter (test/reporters/skips.mjs) names them at the end of `npm test`; `.ci/run` sets
 * GATEWAY_TEST_NO_SKIPS=1, and then they run and fail on what is missing.
 */
import assert from 'node:assert/strict';

const NO_SKIPS = process.env.GATEWAY_TEST_NO_SKIPS === '1';

/** The `skip` option for a test that needs what `missing` says is absent (undefined when nothing is). */
export const skipWhenMissing = (missing: string | undefined): string | false => (missing && !NO_SKIPS ? missing : false);

/** The first step of such a test: fails, naming what is missing, when it runs without it. */
export function assertPresent(missing: string | undefined): void {
  assert.equal(missing, undefined, `this test must run here (GATEWAY_TEST_NO_SKIPS=1) but: ${missing}`);
}
