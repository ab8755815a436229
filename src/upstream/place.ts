/**
 * Where an upstream call goes: a region, and an account named by its alias (`GATEWAY_ACCOUNTS`; `default` is the
 * gateway's own credentials). Everything that selects an upstream answer (loader keys, cursors, IDs) includes it.
 */

/** A region and an account alias. */
export interface Place {
  region: string;
  account: string;
  /**
   * True for the service's default region with the account `default`: IDs minted there name no place, exactly as
   * before places existed, so those IDs and the cursors built on them stay what they were.
   */
  home?: boolean;
}

/** The alias of the gateway's own credentials. */
export const DEFAULT_ACCOUNT = 'default';

/** A short, unambiguous text for a place (neither part holds a `/`: regions and aliases are checked names). */
export const placeKey = (p: Place): string => `${p.region}/${p.account}`;

export const samePlace = (a: Place, b: Place): boolean => a.region === b.region && a.account === b.account;

/** Which places clients may name. */
export interface PlaceSettings {
  /** Each service's region when a client names none. */
  defaultRegions: Readonly<Record<string, string>>;
  /** Regions clients may name (GATEWAY_REGIONS); each service's default region is always allowed. */
  regions: readonly string[];
  /** The account aliases besides `default`, with the 12-digit account ID where the configuration shows it. */
  accounts: Readonly<Record<string, { accountId?: string }>>;
}

/** Every service in `region`, the account `default` alone: a gateway with no GATEWAY_REGIONS or GATEWAY_ACCOUNTS. */
export const homeOnly = (region: string): PlaceSettings => ({
  defaultRegions: { 'nova-act': region, 'workspaces-web': region, deadline: region, codecatalyst: region },
  regions: [],
  accounts: {},
});
