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
import type { GatewayConfig } from '../config.js';
import type { ServiceTarget, UpstreamClientOptions } from '../upstream/call.js';
import { defaultCredentials, defaultToken, staticCredentials, staticToken } from '../upstream/credentials.js';
import { resolveEndpoint } from '../upstream/endpoints.js';
import type { ServiceDescriptor, ServiceId } from '../upstream/operation.js';
import { codeCatalyst, deadline, novaAct, workSpacesWeb } from '../upstream/operations/index.js';

const SERVICES: readonly ServiceDescriptor[] = [novaAct, workSpacesWeb, deadline, codeCatalyst];

/** Who the gateway talks to, for the upstream client. */
export type UpstreamIdentity = Pick<UpstreamClientOptions, 'targets' | 'credentials' | 'tokens'>;

/** The sandbox's endpoints and identities (all services on one local URL). */
export function sandboxUpstream(sandboxUrl: string, identity: { accessKeyId: string; secretAccessKey: string; token: string; region: string }): UpstreamIdentity {
  const targets = Object.fromEntries(
    SERVICES.map((s) => [s.id, { endpoint: resolveEndpoint(s, { endpointUrl: sandboxUrl }), region: identity.region }]),
  ) as Record<ServiceId, ServiceTarget>;
  return {
    targets,
    credentials: staticCredentials({ accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey }),
    tokens: { codecatalyst: staticToken(identity.token) },
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
  const targets = {} as Record<ServiceId, ServiceTarget>;
  for (const service of SERVICES) {
    const serviceRegion = aws.regions[service.id] ?? region;
    const endpointUrl = aws.endpointUrls[service.id];
    if (!serviceRegion && !service.global) {
      throw new Error(`No AWS region for ${service.id}: set AWS_REGION, a region in your AWS profile, or GATEWAY_REGION_${service.envSuffix}`);
    }
    try {
      targets[service.id] = {
        endpoint: resolveEndpoint(service, { ...(serviceRegion ? { region: serviceRegion } : {}), useFips, useDualStack, ...(endpointUrl ? { endpointUrl } : {}) }),
        region: serviceRegion ?? 'us-east-1',
      };
    } catch (err) {
      throw new Error(`Cannot resolve the ${service.id} endpoint: ${(err as Error).message}`);
    }
  }
  return {
    targets,
    credentials: defaultCredentials(aws.profile),
    tokens: { codecatalyst: defaultToken(codeCatalyst.signingName, aws.profile) },
  };
}
