/**
 * The sandbox refuses what AWS refuses, so that a signing bug in the gateway fails the gateway's tests instead of
 * passing against a lenient upstream. Requests here are signed with the SDK's own signer (@smithy/signature-v4),
 * then spoiled one way each.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity } from '@smithy/types';
import { startSandbox, SANDBOX_CREDENTIALS, type Sandbox } from '../../src/sandbox/server.js';
import { NodeChecksum } from '../helpers/node-checksum.js';

const TEMPORARY = { accessKeyId: 'ASIASANDBOXTEMPORARY', secretAccessKey: 'temporary/secret/for/the/sandbox/test/0001', sessionToken: 'FwoGZXIvYXdzEBYaDH//////example+session/token==' };

let sandbox: Sandbox;
before(async () => (sandbox = await startSandbox({ identities: [TEMPORARY] })));
after(() => sandbox.close());

interface Spoil {
  service?: string;
  region?: string;
  credentials?: AwsCredentialIdentity;
  /** Headers the signer must leave out of SignedHeaders. */
  unsigned?: string[];
  /** Headers added after signing. */
  addAfter?: Record<string, string>;
  /** Headers removed after signing. */
  removeAfter?: string[];
}

/** Sends Deadline ListSessions (GET) or Nova Act ListSessions (POST with a JSON body), signed and then spoiled. */
async function send(kind: 'get' | 'post', spoil: Spoil = {}) {
  const url = new URL(sandbox.url);
  const d = sandbox.data;
  const request = new HttpRequest({
    method: kind === 'get' ? 'GET' : 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: kind === 'get'
      ? `/2023-10-12/farms/${d.deadline.farmId}/queues/${d.deadline.queueId}/jobs/${d.deadline.jobIds[0]}/sessions`
      : `/workflow-definitions/${d.novaAct.workflowDefinitionName}/workflow-runs/${d.novaAct.workflowRunIds[0]}`,
    query: { maxResults: '2' },
    headers: { host: url.host, ...(kind === 'post' ? { 'content-type': 'application/json' } : {}) },
    ...(kind === 'post' ? { body: '{}' } : {}),
  });
  const signer = new SignatureV4({
    service: spoil.service ?? (kind === 'get' ? 'deadline' : 'nova-act'),
    region: spoil.region ?? d.region,
    credentials: spoil.credentials ?? SANDBOX_CREDENTIALS,
    sha256: NodeChecksum,
    uriEscapePath: true,
  });
  const signed = (await signer.sign(request, { unsignableHeaders: new Set(spoil.unsigned ?? []) })) as HttpRequest;
  const headers: Record<string, string> = { ...signed.headers, ...spoil.addAfter };
  for (const name of spoil.removeAfter ?? []) delete headers[name];
  delete headers['host'];
  const res = await fetch(`${sandbox.url}${signed.path}?maxResults=2`, { method: signed.method, headers, ...(signed.body ? { body: signed.body } : {}) });
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), message: ((await res.json()) as { message?: string }).message };
}

describe('when the sandbox receives a correctly signed request', () => {
  it('then long-term and temporary credentials (with their session token) are both accepted', async () => {
    assert.equal((await send('get')).status, 200);
    assert.equal((await send('post')).status, 200);
    assert.equal((await send('get', { credentials: TEMPORARY })).status, 200);
    assert.equal((await send('post', { credentials: TEMPORARY })).status, 200);
  });
});

describe('when a request is signed wrongly in a way AWS refuses', () => {
  const refusals: [string, 'get' | 'post', Spoil, string, RegExp][] = [
    ['signed for another region', 'get', { region: 'us-east-1' }, 'InvalidSignatureException', /scoped to a valid region, not 'us-east-1'/],
    ['signed for another service', 'get', { service: 'workspaces-web' }, 'InvalidSignatureException', /correct service/],
    ['temporary credentials signed without their session token', 'get', { credentials: { accessKeyId: TEMPORARY.accessKeyId, secretAccessKey: TEMPORARY.secretAccessKey } }, 'UnrecognizedClientException', /security token/],
    ['a signed session token removed after signing', 'get', { credentials: TEMPORARY, removeAfter: ['x-amz-security-token'] }, 'InvalidSignatureException', /does not match/],
    ['temporary credentials with another session token', 'get', { credentials: { ...TEMPORARY, sessionToken: 'another' } }, 'UnrecognizedClientException', /security token/],
    ['long-term credentials with a session token', 'get', { credentials: { ...SANDBOX_CREDENTIALS, sessionToken: TEMPORARY.sessionToken } }, 'UnrecognizedClientException', /security token/],
    ['a session token added after signing', 'get', { addAfter: { 'x-amz-security-token': 'x' } }, 'InvalidSignatureException', /'x-amz-security-token' must be a signed header/],
    ['host left out of the signed headers', 'get', { unsigned: ['host'] }, 'InvalidSignatureException', /'host' must be a signed header/],
    ['x-amz-date left out of the signed headers', 'get', { unsigned: ['x-amz-date'] }, 'InvalidSignatureException', /'x-amz-date' must be a signed header/],
    ['content-type left out of the signed headers', 'post', { unsigned: ['content-type'] }, 'InvalidSignatureException', /'content-type' must be a signed header/],
    ['another secret key', 'get', { credentials: { ...SANDBOX_CREDENTIALS, secretAccessKey: 'not/the/secret' } }, 'InvalidSignatureException', /does not match/],
    ['an unknown access key', 'get', { credentials: { accessKeyId: 'AKIAUNKNOWNEXAMPLE00', secretAccessKey: 'x' } }, 'UnrecognizedClientException', /security token/],
  ];
  for (const [what, kind, spoil, type, message] of refusals) {
    it(`then ${what} is refused with ${type}`, async () => {
      sandbox.requests.length = 0;
      const res = await send(kind, spoil);
      assert.deepEqual([res.status, res.type], [403, type], JSON.stringify(res));
      assert.match(res.message ?? '', message);
    });
  }
});
