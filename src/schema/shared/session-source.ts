/**
 * How a service takes part in the unified `sessions` connection: each service module describes its source kind
 * (the operation, the upstream input, what can be pushed down, and how items become sessions).
 */
import type { OperationDescriptor, OperationInput } from '../../upstream/operation.js';
import type { Place } from '../../upstream/place.js';
import type { AwsServiceName, SessionShape } from './session.js';

/** The filter of the unified connection, as the resolver receives it. */
export interface SessionFilterValue {
  activeOnly?: boolean | null;
  startedAfter?: Date | null;
  startedBefore?: Date | null;
}

/** Whether a filter asks for anything: some sessions may then be dropped in the gateway. */
export const hasFilter = (f: SessionFilterValue): boolean => Boolean(f.activeOnly || f.startedAfter || f.startedBefore);

/** The order of the unified connection: sources one after another, or by start time. */
export type SessionOrderValue = 'SOURCE' | 'STARTED_AT_DESC' | 'STARTED_AT_ASC';

/** A session of the unified connection: any session shape, with the key of its global ID. */
export type SourcedSession = SessionShape & { nodeKey: string };

/** One source kind, e.g. `deadlineJobs`. `A` is its GraphQL input, `S` its session shape. */
export interface SessionSourceKind<A, S extends SourcedSession = SourcedSession> {
  /** The field of SessionSourcesInput. */
  field: string;
  service: AwsServiceName;
  op: OperationDescriptor;
  /**
   * The upstream input for a source, with what the upstream can do pushed down; undefined when the filter rules out
   * every session of the source (then it is not called).
   */
  input(source: A, filter: SessionFilterValue, order: SessionOrderValue): OperationInput | undefined;
  /** Whether the upstream returns this input sorted by start time in the order asked for. */
  presorted?(order: SessionOrderValue): boolean;
  toSession(item: Record<string, unknown>, source: A, place: Place): S;
  /** Whether a session counts as active; undefined when the service cannot tell. */
  isActive(session: S): boolean | undefined;
}

/** Declares a source kind, typed by its own session shape; the unified connection sees any session. */
export const sessionSourceKind = <A, S extends SourcedSession>(kind: SessionSourceKind<A, S>) => kind as unknown as SessionSourceKind<A>;

/** A toSession that adds the session's node key to what `toShape` builds. */
export const withNodeKey = <A, S extends SessionShape>(toShape: (item: Record<string, unknown>, source: A, place: Place) => S, keyOf: (s: S) => string) =>
  (item: Record<string, unknown>, source: A, place: Place): S & { nodeKey: string } => {
    const s = toShape(item, source, place);
    return { ...s, nodeKey: keyOf(s) };
  };
