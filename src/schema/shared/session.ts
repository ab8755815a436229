/** The `Session` interface every session type implements, and the `AwsService` enum. */
import { builder } from '../builder.js';
import { DateTime } from './scalars.js';

/** GraphQL names of the services. */
export type AwsServiceName = 'NOVA_ACT' | 'WORKSPACES_WEB' | 'DEADLINE' | 'CODECATALYST';

/** What every session object carries, whichever service it came from. */
export interface SessionShape {
  service: AwsServiceName;
  sessionId: string;
  startedAt: Date | null;
  endedAt: Date | null;
}

export const AwsService = builder.enumType('AwsService', {
  description: 'The AWS service a session belongs to.',
  values: ['NOVA_ACT', 'WORKSPACES_WEB', 'DEADLINE', 'CODECATALYST'] as const,
});

export const Session = builder.interfaceRef<SessionShape>('Session').implement({
  description: 'A session of any of the supported AWS services; refetch it with node(id:).',
  interfaces: [builder.nodeInterfaceRef()],
  fields: (t) => ({
    service: t.expose('service', { type: AwsService }),
    sessionId: t.exposeString('sessionId', { description: 'The session ID as the service writes it.' }),
    startedAt: t.expose('startedAt', { type: DateTime, nullable: true, description: 'When the session started, where the service says.' }),
    endedAt: t.expose('endedAt', { type: DateTime, nullable: true, description: 'When the session ended, where the service says.' }),
  }),
});

/** Reads a parsed timestamp from an upstream item. */
export const dateOf = (value: unknown): Date | null => (value instanceof Date ? value : null);
/** Reads a string from an upstream item. */
export const stringOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);
