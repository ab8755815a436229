/**
 * Who is calling: a static API key (`x-api-key`, configured as SHA-256 hashes and compared in constant time) or a JWT
 * bearer token (verified with jose against a JWKS URL, a PEM public key or a shared secret, with issuer and audience).
 */
import { createHash, createPublicKey, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig, Grant } from '../config.js';

/** An authenticated caller. `grants` absent: every service, account and region. */
export interface Principal {
  id: string;
  method: 'api-key' | 'jwt';
  grants?: readonly Grant[];
}

/** The outcome: a principal, or why not (said to the client; never echoes the credential). */
export type Authentication = { principal: Principal } | { problem: string };

/** Creates the authenticator for `auth` (which must enable at least one method). */
export function createAuthenticator(auth: AuthConfig): (headers: Headers) => Promise<Authentication> {
  const keys = Object.entries(auth.apiKeys).map(([principal, hex]) => ({ principal, hash: Buffer.from(hex, 'hex') }));
  // Every kind of key as a key lookup, the form jose takes for a JWKS.
  let jwtKey: JWTVerifyGetKey | undefined;
  const jwt = auth.jwt;
  if (jwt) {
    if (jwt.jwksUrl) {
      jwtKey = createRemoteJWKSet(new URL(jwt.jwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
    } else {
      // The configuration has checked the PEM and the algorithms it fits.
      const key = jwt.publicKey ? createPublicKey(jwt.publicKey) : new TextEncoder().encode(jwt.secret!);
      jwtKey = () => key;
    }
  }
  const withServices = (principal: Omit<Principal, 'grants'>): Principal => {
    const grants = auth.principalGrants[principal.id];
    return grants ? { ...principal, grants } : principal;
  };

  return async (headers) => {
    const apiKey = headers.get('x-api-key');
    if (apiKey !== null && auth.methods.includes('api-key')) {
      const hash = createHash('sha256').update(apiKey).digest();
      let match: string | undefined;
      // Compare with every configured key, so the time taken does not say which one (or whether any) is close.
      for (const k of keys) if (timingSafeEqual(hash, k.hash) && match === undefined) match = k.principal;
      return match ? { principal: withServices({ id: match, method: 'api-key' }) } : { problem: 'the API key is not valid' };
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
    if (bearer && jwt && jwtKey) {
      try {
        const options = {
          algorithms: jwt.algorithms, clockTolerance: jwt.clockSkewSeconds, requiredClaims: jwt.requireExp ? ['exp'] : [],
          ...(jwt.issuer ? { issuer: jwt.issuer } : {}), ...(jwt.audience ? { audience: jwt.audience } : {}),
        };
        const { payload } = await jwtVerify(bearer, jwtKey, options);
        // jose checks `iat` only against a maximum age; a token issued in the future is refused here.
        if (typeof payload.iat === 'number' && payload.iat > Date.now() / 1000 + jwt.clockSkewSeconds) return { problem: 'the bearer token is not valid (issued in the future)' };
        return { principal: withServices({ id: typeof payload.sub === 'string' && payload.sub ? payload.sub : 'jwt', method: 'jwt' }) };
      } catch (err) {
        return { problem: `the bearer token is not valid (${(err as { code?: string }).code ?? 'verification failed'})` };
      }
    }
    const accepted = auth.methods.map((m) => (m === 'api-key' ? 'an x-api-key header' : 'an Authorization: Bearer <JWT> header')).join(' or ');
    return { problem: `authentication required: send ${accepted}` };
  };
}
