/**
 * Who may call the sandbox: its fixed identities and any a test adds, checked as AWS checks them (the signature by
 * the sandbox's own verifier, then the session token, the service and the region of the credential scope).
 */
import type http from 'node:http';
import type { Route } from './handlers.js';
import { SandboxError } from './sandbox-error.js';
import { verifySigV4 } from './sigv4-verify.js';

/** The sandbox's fixed identities. Not secrets: they open nothing but this local server. */
export const SANDBOX_CREDENTIALS = Object.freeze({ accessKeyId: 'AKIASANDBOXEXAMPLE00', secretAccessKey: 'sandbox/secret/key/for/local/testing/only0' });
export const SANDBOX_TOKEN = 'sandbox-codecatalyst-bearer-token';

/** An identity a sandbox accepts: a key pair, and for temporary credentials the session token that must come with it. */
export interface SandboxIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Who may call a sandbox, and where it is. */
export interface Access {
  region: string;
  identities: Map<string, SandboxIdentity>;
  bearerTokens: Set<string>;
}

/** The access of a sandbox in `region`: the fixed identities and `extra` ones. */
export function accessOf(region: string, extra: { identities?: SandboxIdentity[]; bearerTokens?: string[] }): Access {
  return {
    region,
    identities: new Map([SANDBOX_CREDENTIALS, ...(extra.identities ?? [])].map((i) => [i.accessKeyId, i])),
    bearerTokens: new Set([SANDBOX_TOKEN, ...(extra.bearerTokens ?? [])]),
  };
}

/** Refuses what AWS refuses: an unknown key, a missing or foreign session token, another region or service in the scope. */
export function authenticate(access: Access, route: Route, req: http.IncomingMessage, target: string, body: Buffer, record: { signingRegion?: string }): void {
  if (route.service === 'codecatalyst') {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !access.bearerTokens.has(auth.slice(7))) throw new SandboxError(401, 'UnauthorizedException', 'Missing or invalid bearer token');
    return;
  }
  const result = verifySigV4({ method: req.method ?? 'GET', rawTarget: target, headers: req.headers, body }, (id) => access.identities.get(id)?.secretAccessKey);
  if (!result.ok) throw new SandboxError(403, result.errorType, result.message);
  const identity = access.identities.get(result.accessKeyId)!;
  if ((req.headers['x-amz-security-token'] ?? undefined) !== identity.sessionToken) {
    throw new SandboxError(403, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (result.service !== route.service) throw new SandboxError(403, 'InvalidSignatureException', `Credential should be scoped to correct service: '${route.service}'.`);
  record.signingRegion = result.region;
  if (result.region !== access.region) throw new SandboxError(403, 'InvalidSignatureException', `Credential should be scoped to a valid region, not '${result.region}'.`);
}
