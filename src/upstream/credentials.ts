/**
 * Where upstream identities come from: the standard AWS credential chain for SigV4 and, for CodeCatalyst,
 * `AWS_BEARER_TOKEN_CODECATALYST` or the profile's SSO token. Providers are memoized and refreshed before expiry.
 */
import { fromIni, fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { fromEnvSigningName, fromSso } from '@aws-sdk/token-providers';
import { chain, memoize } from '@smithy/core/config';
import type { AwsCredentialIdentity, TokenIdentity } from '@smithy/types';

/** Resolves AWS credentials; called before every signing, cheap once cached. */
export type CredentialsProvider = () => Promise<AwsCredentialIdentity>;
/** Resolves a bearer token. */
export type TokenProvider = () => Promise<TokenIdentity>;

/** Refresh a little before expiry, as the SDK does, so no request is signed with a credential about to lapse. */
const REFRESH_WINDOW_MS = 5 * 60 * 1000;

/** The standard chain: environment, shared config/credentials files (`AWS_PROFILE`), SSO, web identity, ECS/EC2 metadata. */
export function defaultCredentials(profile?: string): CredentialsProvider {
  return fromNodeProviderChain(profile ? { profile } : {});
}

/** A bearer token for a signing name: `AWS_BEARER_TOKEN_<NAME>` first, then the profile's SSO token. */
export function defaultToken(signingName: string, profile?: string): TokenProvider {
  return memoize(
    chain(fromEnvSigningName({ signingName }), fromSso(profile ? { profile } : {})),
    (token) => token.expiration !== undefined && token.expiration.getTime() - Date.now() < REFRESH_WINDOW_MS,
    (token) => token.expiration !== undefined,
  );
}

/** How the gateway assumes an account's role. */
export interface AssumedRole {
  roleArn: string;
  externalId?: string;
  sessionName?: string;
  /** The STS region: the gateway's home region, so the regional STS endpoint answers. */
  region: string;
  /** AWS_ENDPOINT_URL_STS, when set. */
  endpoint?: string;
  /** Who assumes the role: the gateway's own credentials. */
  source: CredentialsProvider;
}

/** A role that cannot be assumed is asked again after this long, not on every signing (STS would throttle a retry storm). */
const FAILURE_PAUSE_MS = 5_000;

/**
 * Credentials of an assumed role: one AssumeRole for all concurrent signings, refreshed before expiry (five minutes
 * before, or halfway through a lifetime shorter than ten minutes), a refusal remembered for a few seconds.
 */
export function assumedRoleCredentials(role: AssumedRole): CredentialsProvider {
  const assume = fromTemporaryCredentials({
    params: {
      RoleArn: role.roleArn,
      RoleSessionName: role.sessionName ?? 'aws-sessions-gateway',
      ...(role.externalId ? { ExternalId: role.externalId } : {}),
    },
    masterCredentials: role.source,
    clientConfig: { region: role.region, ...(role.endpoint ? { endpoint: role.endpoint } : {}), maxAttempts: 2 },
  });
  return refreshing(() => assume());
}

/** Credentials of a profile in the shared config files (`{"profile": "render"}`). */
export function profileCredentials(profile: string): CredentialsProvider {
  return refreshing(fromIni({ profile }));
}

/** `fetch` memoised until shortly before each credential's expiry; a failure is rethrown for FAILURE_PAUSE_MS. */
function refreshing(fetch: CredentialsProvider): CredentialsProvider {
  const windows = new WeakMap<AwsCredentialIdentity, number>();
  let failure: { error: unknown; until: number } | undefined;
  const timed: CredentialsProvider = async () => {
    if (failure && Date.now() < failure.until) throw failure.error;
    try {
      const started = Date.now();
      const credentials = await fetch();
      failure = undefined;
      const lifetime = credentials.expiration ? credentials.expiration.getTime() - started : Infinity;
      windows.set(credentials, Math.min(REFRESH_WINDOW_MS, lifetime / 2));
      return credentials;
    } catch (error) {
      failure = { error, until: Date.now() + FAILURE_PAUSE_MS };
      throw error;
    }
  };
  return memoize(
    timed,
    (c) => c.expiration !== undefined && c.expiration.getTime() - Date.now() < (windows.get(c) ?? REFRESH_WINDOW_MS),
    (c) => c.expiration !== undefined,
  );
}

/** Fixed credentials (the sandbox's, or tests'). */
export function staticCredentials(identity: AwsCredentialIdentity): CredentialsProvider {
  const frozen = Object.freeze({ ...identity });
  return async () => frozen;
}

/** A fixed bearer token. */
export function staticToken(token: string): TokenProvider {
  const frozen = Object.freeze({ token });
  return async () => frozen;
}
