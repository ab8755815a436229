/**
 * The seed of the integration tests' property runs: fixed, so that a run's mix of cases (and the "both branches ran
 * often enough" checks on it) cannot fail by chance; FC_SEED=<n> explores another mix.
 */
export const FC_SEED = Number(process.env.FC_SEED ?? 20261202);
