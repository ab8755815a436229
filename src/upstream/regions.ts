/**
 * Region names as the AWS partitions define them (the `regionRegex` of each partition in the SDKs' partitions file):
 * a name is valid when it matches one, and a gateway only reaches regions of its home region's partition (one set of
 * credentials never spans partitions).
 */

const PARTITIONS: readonly [name: string, pattern: RegExp][] = [
  ['aws-us-gov', /^us-gov-\w+-\d+$/],
  ['aws-iso-b', /^us-isob-\w+-\d+$/],
  ['aws-iso-f', /^us-isof-\w+-\d+$/],
  ['aws-iso', /^us-iso-\w+-\d+$/],
  ['aws-iso-e', /^eu-isoe-\w+-\d+$/],
  ['aws-eusc', /^eusc-de-\w+-\d+$/],
  ['aws-cn', /^cn-\w+-\d+$/],
  ['aws', /^(us|eu|ap|sa|ca|me|af|il|mx)-\w+-\d+$/],
];

/** The partition whose region names `region` follows, or undefined when it follows none. */
export function partitionOfRegion(region: string): string | undefined {
  return PARTITIONS.find(([, pattern]) => pattern.test(region))?.[0];
}

/** Why `region` cannot be reached from a gateway at home in `home`, or undefined when it can. */
export function regionProblem(region: string, home: string): string | undefined {
  const partition = partitionOfRegion(region);
  if (!partition) return `${JSON.stringify(region)} is not an AWS region name`;
  const homePartition = partitionOfRegion(home);
  if (homePartition && partition !== homePartition) return `${region} is in partition ${partition}, not ${homePartition} where this gateway's credentials are`;
  return undefined;
}
