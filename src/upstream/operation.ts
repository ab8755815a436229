/**
 * The shape of an AWS operation as data. One generic caller (call.ts) reads these descriptors;
 * adding an operation means writing one, not new plumbing.
 */

/** How a request is authorised: SigV4 with the service's signing name, or a bearer token. */
export type AuthKind = 'sigv4' | 'bearer';

/** The services the gateway speaks to. */
export type ServiceId = 'nova-act' | 'workspaces-web' | 'deadline' | 'codecatalyst';

/** Facts about a service that every one of its operations shares. */
export interface ServiceDescriptor {
  id: ServiceId;
  /** The model's `serviceId` (what traces call `rpc.service`), e.g. `WorkSpaces Web`. */
  serviceId: string;
  /** The SigV4 signing name (credential scope service). */
  signingName: string;
  /** The first label of the service's hostnames. */
  endpointPrefix: string;
  /** Suffix of the AWS SDK's service-specific endpoint variable, e.g. `DEADLINE` for `AWS_ENDPOINT_URL_DEADLINE`. */
  envSuffix: string;
  auth: AuthKind;
  /** A global service has one endpoint for every region (CodeCatalyst). */
  global?: boolean;
}

/** Where one input member goes on the wire. */
export type MemberLocation = 'path' | 'query' | 'body';

/** Constraints on an input member, from the service model. */
export interface MemberConstraint {
  /** The model's pattern; a value must match it whole. */
  pattern?: string;
  /** Words that say what the pattern means, for error messages. */
  describe?: string;
  minLength?: number;
  maxLength?: number;
  enum?: readonly string[];
  min?: number;
  max?: number;
}

/** One input member: its wire location, wire name and constraints. */
export interface MemberBinding extends MemberConstraint {
  location: MemberLocation;
  /** The name on the wire; defaults to the member name. */
  wireName?: string;
  required?: boolean;
  type: 'string' | 'integer';
  /** A greedy path label (`{name+}`): `/` inside the value stays a path separator, each segment is escaped. */
  greedy?: boolean;
}

/** How timestamps are written in an operation's response. */
export type TimestampFormat = 'epoch-seconds' | 'iso8601';

/** What a response holds: a page of items under `itemsKey`, or one record (optionally under `recordKey`). */
export type OutputShape =
  | { kind: 'list'; itemsKey: string }
  | { kind: 'record'; recordKey?: string };

/** Page-size facts of a paginated operation. */
export interface PagingFacts {
  /** Largest `maxResults` the service accepts (or the most we ever ask for, when the model sets no bound). */
  maxPageSize: number;
  minPageSize: number;
  /**
   * False when the operation takes no page size (CodeCatalyst ListSpaces): `maxPageSize` is then the page size the
   * call bounds count on, not one the gateway asks for.
   */
  sized?: boolean;
}

/** A whole operation, as data. */
export interface OperationDescriptor {
  service: ServiceDescriptor;
  name: string;
  method: 'GET' | 'POST';
  /** Path template with `{label}` placeholders. */
  path: string;
  /** Model-declared host prefix (`management.` for Deadline); dropped when the endpoint is overridden. */
  hostPrefix?: string;
  /** Input members in the order the official serializers write JSON bodies. */
  members: Readonly<Record<string, MemberBinding>>;
  output: OutputShape;
  timestamps: { format: TimestampFormat; fields: readonly string[] };
  /** Present on paginated operations. */
  paging?: PagingFacts;
}

/** The input of an operation: member name to value. */
export type OperationInput = Readonly<Record<string, string | number | undefined>>;

/** A page returned by a list operation, timestamps already parsed. */
export interface ListPage<T = Record<string, unknown>> {
  items: T[];
  nextToken?: string;
  requestId?: string;
}
