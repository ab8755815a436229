/** Authorises a serialized request: SigV4 for most services, a bearer token for CodeCatalyst. */
import type { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CredentialsProvider, TokenProvider } from './credentials.js';
import { Sha256Checksum } from './hmac.js';

/** Signs one request; every attempt is signed again, with a fresh date. */
export type RequestSigner = (request: HttpRequest) => Promise<HttpRequest>;

/** A SigV4 signer for one service and region. */
export function createSigV4Signer(options: { signingName: string; region: string; credentials: CredentialsProvider }): RequestSigner {
  const signer = new SignatureV4({
    service: options.signingName,
    region: options.region,
    credentials: options.credentials,
    // Node's native SHA-256, as the SDK uses on Node (a pure-JS hash costs several times the CPU), through one-shot
    // hashes rather than a Hash or Hmac object per digest.
    sha256: Sha256Checksum,
    uriEscapePath: true,
    applyChecksum: true,
  });
  return (request) => signer.sign(request) as Promise<HttpRequest>;
}

/** Adds `Authorization: Bearer …` from the token provider. */
export function createBearerSigner(token: TokenProvider): RequestSigner {
  return async (request) => {
    const { token: value } = await token();
    const signed = request.clone();
    signed.headers['authorization'] = `Bearer ${value}`;
    return signed;
  };
}
