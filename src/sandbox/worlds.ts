/**
 * The sandbox's accounts and regions: its main data set in us-west-2 of its own account, a smaller one in eu-west-1,
 * and a second account (reached by assuming its role) with data of its own in both. A SigV4 request reads the data
 * of its credentials' account in its credential scope's region; CodeCatalyst, global, always reads the main set.
 */
import { createSandboxData, type SandboxData } from './data.js';
import { ACCOUNT } from './estate.js';

/** The second account: a render studio's, with its own farms, portals and workflows. */
export const RENDER_ACCOUNT = '210987654321';

/** The regions the sandbox has data in; the first is its home. */
export const SANDBOX_REGIONS = ['us-west-2', 'eu-west-1'] as const;

/** A role the sandbox's STS lets its own account assume. Not a secret: the external ID only guards this local server. */
export interface SandboxRole {
  roleArn: string;
  accountId: string;
  /** Required in AssumeRole when set, as a role's trust policy requires `sts:ExternalId`. */
  externalId?: string;
}

export const SANDBOX_ROLES: readonly SandboxRole[] = [
  { roleArn: `arn:aws:iam::${RENDER_ACCOUNT}:role/SessionsReader`, accountId: RENDER_ACCOUNT, externalId: 'sandbox-render-reader' },
];

/** The aliases the gateway reaches the sandbox's accounts by (its GATEWAY_ACCOUNTS), besides its own `default`. */
export const SANDBOX_ACCOUNTS = { render: { roleArn: SANDBOX_ROLES[0]!.roleArn, externalId: SANDBOX_ROLES[0]!.externalId! } };

/** One account's data in one region. */
export interface SandboxWorld {
  accountId: string;
  region: string;
  data: SandboxData;
}

/** The worlds: the main data set first, built from `seed` as it always was; the others are smaller and fixed. */
export function createWorlds(seed?: number): SandboxWorld[] {
  const main = createSandboxData(seed);
  const other = (accountId: string, region: string, scale: number, n: number): SandboxWorld =>
    ({ accountId, region, data: createSandboxData({ seed: 7100 + n, estateSeed: 7200 + n, region, accountId, scale }) });
  return [
    { accountId: ACCOUNT, region: main.region, data: main },
    other(ACCOUNT, 'eu-west-1', 0.2, 1),
    other(RENDER_ACCOUNT, 'us-west-2', 0.25, 2),
    other(RENDER_ACCOUNT, 'eu-west-1', 0.1, 3),
  ];
}

/** The world of an account in a region, or undefined when the sandbox has none there. */
export const worldAt = (worlds: readonly SandboxWorld[], accountId: string, region: string): SandboxWorld | undefined =>
  worlds.find((w) => w.accountId === accountId && w.region === region);
