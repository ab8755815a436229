/**
 * Where each service is reached and as whom: the embedded sandbox (fixed local identities), or real AWS (the standard
 * credential chain, region from the environment or profile, FIPS/dual-stack settings and endpoint overrides).
 */
import {
  NODE_REGION_CONFIG_FILE_OPTIONS,
  NODE_REGION_CONFIG_OPTIONS,
  NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS,
  NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS,
  loadConfig as loadAwsSetting,
} from '@smithy/core/config';
import type { AccountConfig, GatewayConfig } from '../config.js';
import type { ServiceTarget, UpstreamClientOptions } from '../upstream/call.js';
import { assumedRoleCredentials, defaultCredentials, defaultToken, profileCredentials, staticCredentials, staticToken, type CredentialsProvider } from '../upstream/credentials.js';
import { resolveEndpoint, type EndpointSettings } from '../upstream/endpoints.js';
import type { ServiceDescriptor, ServiceId } from '../upstream/operation.js';
import { SERVICES, codeCatalyst } from '../upstream/operations/index.js';
import type { PlaceSettings } from '../upstream/place.js';

/** Who the gateway talks to, for the upstream client. */
export type UpstreamIdentity = Pick<UpstreamClientOptions, 'targets' | 'endpointFor' | 'credentials' | 'accounts' | 'tokens'>;

/** The sandbox's endpoints and identities (all services and STS on one local URL; the signing region picks the data). */
export function sandboxUpstream(
  sandboxUrl: string,
  identity: { accessKeyId: string; secretAccessKey: string; token: string; region: string },
  accounts: Readonly<Record<string, AccountConfig>> = {},
): UpstreamIdentity {
  const targets = Object.fromEntries(
    SERVICES.map((s) => [s.id, { endpoint: resolveEndpoint(s, { endpointUrl: sandboxUrl }), region: identity.region }]),
  ) as Record<ServiceId, ServiceTarget>;
  const credentials = staticCredentials({ accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey });
  return {
    targets,
    endpointFor: (service) => resolveEndpoint(service, { endpointUrl: sandboxUrl }),
    credentials,
    accounts: accountProviders(accounts, { region: identity.region, endpoint: sandboxUrl, source: credentials }),
    tokens: { codecatalyst: staticToken(identity.token) },
  };
}

/** The credentials of each alias: its role assumed with the gateway's own credentials, or its profile's. */
function accountProviders(
  accounts: Readonly<Record<string, AccountConfig>>,
  sts: { region: string; endpoint?: string; source: CredentialsProvider },
): Record<string, CredentialsProvider> {
  return Object.fromEntries(Object.entries(accounts).map(([alias, account]) => [
    alias,
    'profile' in account ? profileCredentials(account.profile) : assumedRoleCredentials({ ...account, ...sts }),
  ]));
}

/** The places clients may name: each service's default region, GATEWAY_REGIONS, and the aliases with their account IDs. */
export function placeSettings(config: Partial<Pick<GatewayConfig, 'regions'>> & Pick<GatewayConfig, 'accounts'>, identity: UpstreamIdentity): PlaceSettings {
  return {
    defaultRegions: Object.fromEntries(Object.entries(identity.targets).map(([id, t]) => [id, t.region])),
    regions: config.regions ?? [],
    accounts: Object.fromEntries(Object.entries(config.accounts).map(([alias, a]) => {
      const accountId = 'roleArn' in a ? a.roleArn.split(':')[4] : undefined;
      return [alias, accountId ? { accountId } : {}];
    })),
  };
}

/** Real AWS, as the AWS SDKs would find it. Throws at start-up when a region or endpoint cannot be resolved. */
export async function awsUpstream(config: GatewayConfig): Promise<UpstreamIdentity> {
  const { aws } = config;
  const profile = aws.profile ? { profile: aws.profile } : {};
  const fromProfile = async <T>(env: Parameters<typeof loadAwsSetting<T>>[0], file: Parameters<typeof loadAwsSetting<T>>[1]): Promise<T | undefined> => {
    try {
      return await loadAwsSetting<T>(env, { ...file, ...profile })();
    } catch {
      return undefined;
    }
  };
  const region = aws.region ?? (await fromProfile<string>(NODE_REGION_CONFIG_OPTIONS, NODE_REGION_CONFIG_FILE_OPTIONS));
  const useFips = aws.useFips ?? (await fromProfile<boolean>(NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, {})) ?? false;
  const useDualStack = aws.useDualStack ?? (await fromProfile<boolean>(NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, {})) ?? false;
  const settingsIn = (service: ServiceDescriptor, serviceRegion: string | undefined): EndpointSettings => {
    const endpointUrl = aws.endpointUrls[service.id];
    return { ...(serviceRegion ? { region: serviceRegion } : {}), useFips, useDualStack, ...(endpointUrl ? { endpointUrl } : {}) };
  };
  const targets = {} as Record<ServiceId, ServiceTarget>;
  for (const service of SERVICES) {
    const serviceRegion = aws.regions[service.id] ?? region;
    if (!serviceRegion && !service.global) {
      throw new Error(`No AWS region for ${service.id}: set AWS_REGION, a region in your AWS profile, or GATEWAY_REGION_${service.envSuffix}`);
    }
    try {
      targets[service.id] = { endpoint: resolveEndpoint(service, settingsIn(service, serviceRegion)), region: serviceRegion ?? 'us-east-1' };
      // Every allowed region must resolve now, not on a client's first call there.
      for (const other of config.regions ?? []) if (!service.global) resolveEndpoint(service, settingsIn(service, other));
    } catch (err) {
      throw new Error(`Cannot resolve the ${service.id} endpoint: ${(err as Error).message}`);
    }
  }
  const credentials = defaultCredentials(aws.profile);
  const home = region ?? 'us-east-1';
  return {
    targets,
    endpointFor: (service, serviceRegion) => resolveEndpoint(service, settingsIn(service, serviceRegion)),
    credentials,
    accounts: accountProviders(config.accounts, { region: home, ...(aws.stsEndpointUrl ? { endpoint: aws.stsEndpointUrl } : {}), source: credentials }),
    tokens: { codecatalyst: defaultToken(codeCatalyst.signingName, aws.profile) },
  };
}
