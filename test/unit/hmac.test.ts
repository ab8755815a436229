/** Our HMAC-SHA256 (two one-shot hashes) and the SigV4 signer's hash built on it give Node's answers. */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256Checksum, createHmacSha256 } from '../../src/upstream/hmac.js';
import { NodeChecksum } from '../helpers/node-checksum.js';

const bytes = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) & 0xff));

describe('when an HMAC-SHA256 is computed from two one-shot hashes', () => {
  it('then it equals crypto.createHmac for keys of 0 to 200 bytes and messages in parts', () => {
    for (let keyLength = 0; keyLength <= 200; keyLength++) { // 64, one block, is the edge: longer keys are hashed first
      const key = bytes(keyLength, 1);
      const hmac = createHmacSha256(key);
      for (const messageLength of [0, 1, 55, 56, 64, 119, 300]) {
        const message = bytes(messageLength, keyLength);
        const cut = messageLength >> 1;
        const expected = createHmac('sha256', key).update(message).digest();
        assert.deepEqual(hmac([message]), expected, `key ${keyLength}, message ${messageLength}`);
        assert.deepEqual(hmac([message.subarray(0, cut), message.subarray(cut)]), expected);
      }
    }
  });
});


describe('when Sha256Checksum is used as the signer uses it', () => {
  const plainSha = (data: Buffer) => createHash('sha256').update(data).digest();
  it('then it hashes strings and bytes given in parts, and starts over after reset', async () => {
    const c = new Sha256Checksum();
    assert.equal(c.digestLength, 32);
    c.update('héllo ');
    c.update(Buffer.from('world'));
    c.update(new Uint8Array([0, 255]));
    assert.deepEqual(Buffer.from(await c.digest()), plainSha(Buffer.concat([Buffer.from('héllo world'), Buffer.from([0, 255])])));
    c.reset();
    c.update('x');
    assert.deepEqual(Buffer.from(await c.digest()), plainSha(Buffer.from('x')));
    c.reset();
    assert.deepEqual(Buffer.from(await c.digest()), plainSha(Buffer.alloc(0)));
  });

  it('then with a secret it is HMAC-SHA256, whatever form the secret takes and however many secrets are used', async () => {
    const mac = async (secret: string | Uint8Array | ArrayBuffer | DataView, ...parts: string[]) => {
      const c = new Sha256Checksum(secret);
      for (const p of parts) c.update(p);
      return Buffer.from(await c.digest());
    };
    const key = bytes(80, 3);
    const expected = (k: Buffer | string, m: string) => createHmac('sha256', k).update(m).digest();
    assert.deepEqual(await mac('sécret', 'a', 'b'), expected('sécret', 'ab'));
    assert.deepEqual(await mac(key, 'msg'), expected(key, 'msg'));
    assert.deepEqual(await mac(key.buffer.slice(key.byteOffset, key.byteOffset + key.length), 'msg'), expected(key, 'msg'));
    const padded = Buffer.concat([Buffer.from([9, 9]), key]);
    assert.deepEqual(await mac(new DataView(padded.buffer, padded.byteOffset + 2, key.length), 'msg'), expected(key, 'msg'), 'a view: only its own bytes');
    // More keys than are kept set up: each still gives its own HMAC.
    for (let i = 0; i < 40; i++) assert.deepEqual(await mac(`key-${i}`, 'm'), expected(`key-${i}`, 'm'), `key-${i}`);
    for (let i = 0; i < 40; i++) assert.deepEqual(await mac(`key-${i}`, 'm'), expected(`key-${i}`, 'm'), `key-${i} again`);
  });
});

describe('when SigV4 signs with Sha256Checksum', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
  const signingDate = new Date('2015-08-30T12:36:00Z');

  it('then it gives the AWS SigV4 test suite signature for get-vanilla', async () => {
    const signer = new SignatureV4({ service: 'service', region: 'us-east-1', credentials, sha256: Sha256Checksum, applyChecksum: false });
    const request = new HttpRequest({ method: 'GET', hostname: 'example.amazonaws.com', path: '/', headers: { host: 'example.amazonaws.com' } });
    const signed = await signer.sign(request, { signingDate });
    assert.equal(
      signed.headers['authorization'],
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('then every header equals the signature made with a Hash or Hmac object per digest, again and again', async () => {
    const ours = new SignatureV4({ service: 'deadline', region: 'us-west-2', credentials: { ...credentials, sessionToken: 'token/with+chars=' }, sha256: Sha256Checksum, uriEscapePath: true, applyChecksum: true });
    const plain = new SignatureV4({ service: 'deadline', region: 'us-west-2', credentials: { ...credentials, sessionToken: 'token/with+chars=' }, sha256: NodeChecksum, uriEscapePath: true, applyChecksum: true });
    for (const [i, body] of [undefined, '{}', '{"maxResults":26,"nextToken":"a b+/="}'].entries()) {
      const request = () => new HttpRequest({
        method: body ? 'POST' : 'GET',
        hostname: 'management.deadline.us-west-2.amazonaws.com',
        path: `/2023-10-12/farms/farm-${'0'.repeat(32)}/queues/queue-${'1'.repeat(32)}/jobs/job-${'2'.repeat(32)}/sessions`,
        query: { maxResults: '26', nextToken: 'a b+/=' },
        headers: { host: 'management.deadline.us-west-2.amazonaws.com', 'content-type': 'application/json' },
        ...(body ? { body } : {}),
      });
      for (let day = 0; day < 3; day++) {
        const date = new Date(signingDate.getTime() + (day * 86_400 + i) * 1000);
        assert.deepEqual((await ours.sign(request(), { signingDate: date })).headers, (await plain.sign(request(), { signingDate: date })).headers);
      }
    }
  });
});
