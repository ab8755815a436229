/** Which JWT algorithms the configured key verifies: read from the key itself when none are set. */
import { createPublicKey, type KeyObject } from 'node:crypto';

/**
 * The JWT algorithms to accept: as set, or taken from the key (a PEM key names its own; a secret is HS256; a JWKS
 * names each key's). A PEM that is not a public key, or does not fit the algorithms set, stops the gateway here.
 */
export function jwtAlgorithms(keys: { set?: string | undefined; secret?: string | undefined; publicKey?: string | undefined }, fail: (message: string) => never): string[] {
  const set = keys.set?.split(',');
  if (keys.secret) {
    if (set && !set.every((a) => /^HS(256|384|512)$/.test(a))) fail('GATEWAY_JWT_ALGORITHMS: a GATEWAY_JWT_SECRET signs with HS256, HS384 or HS512 only');
    return set ?? ['HS256'];
  }
  if (!keys.publicKey) return set ?? ['RS256', 'ES256'];
  let fits: string[];
  try {
    fits = algorithmsOfKey(createPublicKey(keys.publicKey));
  } catch (err) {
    return fail(`GATEWAY_JWT_PUBLIC_KEY: not a usable PEM public key (${(err as Error).message.split('\n')[0]})`);
  }
  if (fits.length === 0) fail('GATEWAY_JWT_PUBLIC_KEY: a key of a type JWTs are not signed with');
  if (set) {
    const wrong = set.filter((a) => !fits.includes(a));
    if (wrong.length) fail(`GATEWAY_JWT_ALGORITHMS: ${wrong.join(', ')} cannot be verified with this GATEWAY_JWT_PUBLIC_KEY (it takes ${fits.join(', ')})`);
    return set;
  }
  return fits;
}

/** The JWS algorithms a public key verifies. */
function algorithmsOfKey(key: KeyObject): string[] {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa': return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'rsa-pss': return ['PS256', 'PS384', 'PS512'];
    case 'ec': return ({ prime256v1: ['ES256'], secp384r1: ['ES384'], secp521r1: ['ES512'] } as Record<string, string[]>)[details.namedCurve ?? ''] ?? [];
    case 'ed25519': return ['EdDSA'];
    default: return [];
  }
}
