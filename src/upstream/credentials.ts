/**
 * Where upstream identities come from: the standard AWS credential chain for SigV4 and, for CodeCatalyst,
 * `AWS_BEARER_TOKEN_CODECATALYST` or the profile's SSO token. Providers are memoized and refreshed before expiry.
 */
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
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
