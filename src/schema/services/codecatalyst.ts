/** CodeCatalyst dev environment sessions. The list holds the environment's active sessions. */
import { codeCatalystListDevEnvironmentSessions } from '../../upstream/operations/index.js';
import { builder } from '../builder.js';
import { guardNodeLoad } from '../shared/access.js';
import { loadByListingScan } from '../shared/load-nodes.js';
import { resolveListConnection } from '../shared/list-connection.js';
import { nodeKey, nodeNotFound } from '../shared/node-keys.js';
import { pagingArgs } from '../shared/paging-args.js';
import { placeArgs } from '../shared/places.js';
import { spaceRegionField } from './codecatalyst-region.js';
import type { Place } from '../../upstream/place.js';
import { listingExtensions, nodeLoadExtensions } from '../shared/upstream-cost.js';
import { DateTime } from '../shared/scalars.js';
import { sessionSourceKind, withNodeKey } from '../shared/session-source.js';
import { Session, dateOf, type SessionShape } from '../shared/session.js';

/** A dev environment session; `sessionId` is the upstream `id`, `startedAt` its `startedTime`. */
export interface CodeCatalystSessionShape extends SessionShape {
  service: 'CODECATALYST';
  spaceName: string;
  projectName: string;
  devEnvironmentId: string;
}

type Parent = { spaceName: string; projectName: string; devEnvironmentId: string };

export const toCodeCatalystSession = (item: Record<string, unknown>, parent: Parent, place: Place): CodeCatalystSessionShape => ({
  service: 'CODECATALYST',
  place, region: place.region, account: place.account,
  sessionId: String(item.id),
  ...parent,
  startedAt: dateOf(item.startedTime),
  endedAt: null,
});

const KEY = ['spaceName', 'projectName', 'devEnvironmentId', 'sessionId'] as const;
const keyOf = (s: CodeCatalystSessionShape) => nodeKey([s.spaceName, s.projectName, s.devEnvironmentId, s.sessionId], s.place);

/** `codeCatalystDevEnvironments` sources of the unified connection. The upstream lists active sessions only. */
export const codeCatalystEnvironmentSource = sessionSourceKind({
  field: 'codeCatalystDevEnvironments', service: 'CODECATALYST', op: codeCatalystListDevEnvironmentSessions,
  input: ({ spaceName, projectName, devEnvironmentId }: Parent) => ({ spaceName, projectName, devEnvironmentId }),
  toSession: withNodeKey(toCodeCatalystSession, keyOf),
  isActive: () => true,
});

export const CodeCatalystDevEnvironmentSession = builder.loadableNode('CodeCatalystDevEnvironmentSession', {
  extensions: nodeLoadExtensions({ by: 'scan', key: KEY }),
  description: 'A CodeCatalyst dev environment session. The upstream lists active sessions only, so endedAt is null.',
  interfaces: [Session],
  isTypeOf: (value) => (value as SessionShape).service === 'CODECATALYST',
  id: { resolve: keyOf },
  // CodeCatalyst has no GetSession for these: each environment's listing is scanned once for all IDs asked of it.
  load: guardNodeLoad('CODECATALYST', (keys: string[], ctx) =>
    loadByListingScan(ctx, 'CODECATALYST', keys, KEY, {
      op: codeCatalystListDevEnvironmentSessions,
      parentOf: ({ spaceName, projectName, devEnvironmentId }) => ({ spaceName, projectName, devEnvironmentId }),
      idOf: (item) => item.id,
      toNode: toCodeCatalystSession,
      notFound: (ids) => nodeNotFound(`CodeCatalyst session ${ids.sessionId}`),
    })),
  fields: (t) => ({
    region: spaceRegionField<CodeCatalystSessionShape>(t, (s) => s.spaceName),
    spaceName: t.exposeString('spaceName'),
    projectName: t.exposeString('projectName'),
    devEnvironmentId: t.exposeString('devEnvironmentId'),
    startedTime: t.expose('startedAt', { type: DateTime, nullable: true }),
  }),
});

export const CodeCatalystSessionConnection = builder.connectionObject(
  { type: CodeCatalystDevEnvironmentSession, name: 'CodeCatalystDevEnvironmentSessionConnection' },
  { name: 'CodeCatalystDevEnvironmentSessionEdge' },
);

builder.queryField('codeCatalystDevEnvironmentSessions', (t) =>
  t.field({
    type: CodeCatalystSessionConnection,
    nullable: true,
    extensions: listingExtensions(codeCatalystListDevEnvironmentSessions),
    description: 'Sessions of a CodeCatalyst dev environment (ListDevEnvironmentSessions); bearer-token auth.',
    args: {
      spaceName: t.arg.string({ required: true }),
      projectName: t.arg.string({ required: true }),
      devEnvironmentId: t.arg.id({ required: true }),
      ...placeArgs(t.arg),
      ...pagingArgs(t.arg),
    },
    resolve: (_root, { spaceName, projectName, devEnvironmentId, region, account, first, after }, ctx, info) =>
      resolveListConnection(ctx, info, {
        field: 'codeCatalystDevEnvironmentSessions',
        op: codeCatalystListDevEnvironmentSessions,
        input: { spaceName, projectName, devEnvironmentId },
        place: { args: { region, account } },
        args: { first, after },
        toNode: (item, place) => toCodeCatalystSession(item, { spaceName, projectName, devEnvironmentId }, place),
      }),
  }),
);
