/**
 * Who may call the sandbox: its fixed identities, any a test adds and the temporary credentials its STS issues,
 * checked as AWS checks them (the signature by the sandbox's own verifier, then the session token and its expiry, the
 * service and the region of the credential scope). An identity belongs to an account; the account and the scope's
 * region choose the data a request reads.
 */
import type http from 'node:http';
import type { Route } from './handlers.js';
import { SandboxError } from './sandbox-error.js';
import { ACCOUNT } from './estate.js';
import { verifySigV4 } from './sigv4-verify.js';

/** The sandbox's fixed identities. Not secrets: they open nothing but this local server. */
export const SANDBOX_CREDENTIALS = Object.freeze({ accessKeyId: 'AKIASANDBOXEXAMPLE00', secretAccessKey: 'sandbox/secret/key/for/local/testing/only0' });
export const SANDBOX_TOKEN = 'sandbox-codecatalyst-bearer-token';

/** An identity a sandbox accepts: a key pair, and for temporary credentials the session token that must come with it. */
export interface SandboxIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** The account it belongs to; absent: the sandbox's own. */
  accountId?: string;
  /** When temporary credentials stop working (epoch ms). */
  expiresAt?: number;
}

/** Who may call a sandbox, and in which regions. */
export interface Access {
  regions: readonly string[];
  identities: Map<string, SandboxIdentity>;
  bearerTokens: Set<string>;
}

/** Where a verified request reads: its identity's account and its scope's region. */
export interface Caller {
  accountId: string;
  region: string;
}

/** The access of a sandbox with data in `regions`: the fixed identities and `extra` ones. */
export function accessOf(regions: readonly string[], extra: { identities?: SandboxIdentity[]; bearerTokens?: string[] }): Access {
  return {
    regions,
    identities: new Map([SANDBOX_CREDENTIALS, ...(extra.identities ?? [])].map((i) => [i.accessKeyId, i])),
    bearerTokens: new Set([SANDBOX_TOKEN, ...(extra.bearerTokens ?? [])]),
  };
}

/**
 * Refuses what AWS refuses: an unknown key, a missing or foreign session token, an expired one, another service in
 * the scope, a region the sandbox has no data in. Answers where the request reads (CodeCatalyst: the home region).
 */
export function authenticate(
  access: Access, service: Route['service'] | 'sts', req: http.IncomingMessage, target: string, body: Buffer, record: { signingRegion?: string },
): Caller {
  if (service === 'codecatalyst') {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !access.bearerTokens.has(auth.slice(7))) throw new SandboxError(401, 'UnauthorizedException', 'Missing or invalid bearer token');
    return { accountId: ACCOUNT, region: access.regions[0]! };
  }
  const result = verifySigV4({ method: req.method ?? 'GET', rawTarget: target, headers: req.headers, body }, (id) => access.identities.get(id)?.secretAccessKey);
  if (!result.ok) throw new SandboxError(403, result.errorType, result.message);
  const identity = access.identities.get(result.accessKeyId)!;
  if ((req.headers['x-amz-security-token'] ?? undefined) !== identity.sessionToken) {
    throw new SandboxError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (identity.expiresAt !== undefined && Date.now() >= identity.expiresAt) {
    throw new SandboxError(403, service === 'sts' ? 'ExpiredToken' : 'ExpiredTokenException', 'The security token included in the request is expired');
  }
  if (result.service !== service) throw new SandboxError(403, 'InvalidSignatureException', `Credential should be scoped to correct service: '${service}'.`);
  record.signingRegion = result.region;
  if (!access.regions.includes(result.region)) throw new SandboxError(403, 'InvalidSignatureException', `Credential should be scoped to a valid region, not '${result.region}'.`);
  return { accountId: identity.accountId ?? ACCOUNT, region: result.region };
}
