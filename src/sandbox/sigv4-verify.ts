/**
 * The sandbox's own SigV4 verifier, written from the specification with node:crypto alone. It shares no code with
 * the gateway's signer: if both sides shared a bug, it would cancel out and the tests would pass.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The request as it arrived: the raw target (path and query exactly as sent), headers and body. */
export interface ArrivedRequest {
  method: string;
  rawTarget: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The outcome: the identity and scope, or why the signature fails. */
export type Verification =
  | { ok: true; accessKeyId: string; date: string; region: string; service: string }
  | { ok: false; errorType: 'IncompleteSignatureException' | 'InvalidSignatureException' | 'UnrecognizedClientException'; message: string };

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 unreserved characters stay; everything else is percent-encoded with uppercase hex. */
function uriEncode(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function canonicalQuery(rawQuery: string): string {
  if (!rawQuery) return '';
  return rawQuery
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const k = eq < 0 ? pair : pair.slice(0, eq);
      const v = eq < 0 ? '' : pair.slice(eq + 1);
      return [uriEncode(safeDecode(k)), uriEncode(safeDecode(v))] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : v ?? '').trim().replace(/\s+/g, ' ');

/** Verifies a SigV4 `Authorization` header against the secret of `accessKeyId`, within 15 minutes of `now`. */
export function verifySigV4(req: ArrivedRequest, secretFor: (accessKeyId: string) => string | undefined, now = Date.now()): Verification {
  const auth = headerValue(req.headers['authorization']);
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9\-;]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
  if (!m) return { ok: false, errorType: 'IncompleteSignatureException', message: 'Authorization header is missing or not a SigV4 signature' };
  const [, accessKeyId, date, region, service, signedHeaders, signature] = m as unknown as [string, string, string, string, string, string, string];
  const secret = secretFor(accessKeyId);
  if (!secret) return { ok: false, errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  const amzDate = headerValue(req.headers['x-amz-date']);
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== date) {
    return { ok: false, errorType: 'IncompleteSignatureException', message: 'x-amz-date is missing or does not match the credential scope' };
  }
  const signedAt = Date.UTC(+amzDate.slice(0, 4), +amzDate.slice(4, 6) - 1, +amzDate.slice(6, 8), +amzDate.slice(9, 11), +amzDate.slice(11, 13), +amzDate.slice(13, 15));
  if (Math.abs(now - signedAt) > 15 * 60_000) return { ok: false, errorType: 'InvalidSignatureException', message: 'Signature expired' };
  const names = signedHeaders.split(';');
  // SigV4 requires host, content-type when present, and every x-amz-* header sent (x-amz-date, the session token,
  // the payload hash) among the signed headers, listed in order.
  const mustSign = ['host', ...Object.keys(req.headers).filter((n) => n === 'content-type' || n.startsWith('x-amz-'))];
  const unsigned = mustSign.find((n) => !names.includes(n));
  if (unsigned) return { ok: false, errorType: 'InvalidSignatureException', message: `'${unsigned}' must be a signed header` };
  if (names.some((n, i) => i > 0 && names[i - 1]! >= n)) return { ok: false, errorType: 'InvalidSignatureException', message: 'SignedHeaders must be lowercase and sorted' };

  const q = req.rawTarget.indexOf('?');
  const rawPath = q < 0 ? req.rawTarget : req.rawTarget.slice(0, q);
  const rawQuery = q < 0 ? '' : req.rawTarget.slice(q + 1);
  // Non-S3 services encode the path's segments once more on top of how they were sent.
  const canonicalUri = rawPath.split('/').map(uriEncode).join('/') || '/';
  const payloadHash = headerValue(req.headers['x-amz-content-sha256']) || sha256(req.body);
  const canonicalRequest = [
    req.method,
    canonicalUri,
    canonicalQuery(rawQuery),
    names.map((n) => `${n}:${headerValue(req.headers[n])}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  const expected = hmac(key, stringToSign);
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, errorType: 'InvalidSignatureException', message: 'The request signature we calculated does not match the signature you provided.' };
  }
  return { ok: true, accessKeyId, date, region, service };
}
