/**
 * Endpoint resolution, following the services' endpoint rule sets: regional `{prefix}.{region}.{dnsSuffix}`
 * with FIPS and dual-stack variants, CodeCatalyst's global endpoint, and SDK-style overrides.
 */
import { partition } from '@aws-sdk/util-endpoints';
import type { ServiceDescriptor } from './operation.js';

/** What decides a service's endpoint. */
export interface EndpointSettings {
  region?: string;
  useFips?: boolean;
  useDualStack?: boolean;
  /** `AWS_ENDPOINT_URL_<SERVICE>` or `AWS_ENDPOINT_URL`: replaces the resolved endpoint, and drops host prefixes. */
  endpointUrl?: string;
}

/** A resolved endpoint. */
export interface ResolvedEndpoint {
  url: URL;
  /** True when the endpoint was set explicitly; host prefixes then do not apply (the SDK's `disableHostPrefix`). */
  overridden: boolean;
}

/** Raised when settings name no valid endpoint (the rule set's error branches). */
export class EndpointError extends Error {
  override readonly name = 'EndpointError';
}

const REGION = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Resolves where `service` is reached with these settings. */
export function resolveEndpoint(service: ServiceDescriptor, settings: EndpointSettings): ResolvedEndpoint {
  const { region, useFips = false, useDualStack = false, endpointUrl } = settings;
  if (endpointUrl) {
    if (!service.global && useFips) throw new EndpointError('Invalid Configuration: FIPS and custom endpoint are not supported');
    if (!service.global && useDualStack) throw new EndpointError('Invalid Configuration: Dualstack and custom endpoint are not supported');
    const url = new URL(endpointUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EndpointError(`Endpoint URL must be http or https: ${url.protocol}`);
    return { url, overridden: true };
  }
  if (service.global) return { url: globalEndpoint(service, region, useFips), overridden: false };
  if (!region) throw new EndpointError('Invalid Configuration: Missing Region');
  if (!REGION.test(region)) throw new EndpointError(`Invalid region: ${JSON.stringify(region)}`);
  const p = partition(region);
  if (useFips && !p.supportsFIPS) throw new EndpointError('FIPS is enabled but this partition does not support FIPS');
  if (useDualStack && !p.supportsDualStack) throw new EndpointError('DualStack is enabled but this partition does not support DualStack');
  const label = useFips ? `${service.endpointPrefix}-fips` : service.endpointPrefix;
  const suffix = useDualStack ? p.dualStackDnsSuffix : p.dnsSuffix;
  return { url: new URL(`https://${label}.${region}.${suffix}`), overridden: false };
}

/** CodeCatalyst's rule set: one endpoint per partition, on its dual-stack suffix, FIPS where the partition has it. */
function globalEndpoint(service: ServiceDescriptor, region: string | undefined, useFips: boolean): URL {
  const p = partition(region && REGION.test(region) ? region : 'us-west-2');
  if (useFips && !p.supportsFIPS) throw new EndpointError('Partition does not support FIPS.');
  const label = useFips ? `${service.endpointPrefix}-fips` : service.endpointPrefix;
  return new URL(`https://${label}.global.${p.dualStackDnsSuffix}`);
}
