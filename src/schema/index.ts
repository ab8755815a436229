/** The schema: the service modules register their types and fields on the builder; this builds it. */
import { builder } from './builder.js';
import './shared/session.js';
import './services/nova-act.js';
import './services/nova-act-graph.js';
import './services/workspaces-web.js';
import './services/workspaces-web-graph.js';
import './services/deadline.js';
import './services/deadline-graph.js';
import './services/codecatalyst.js';
import './services/codecatalyst-graph.js';
import './unified/sessions.js';
import { readConnectionMembersDirectly } from './shared/pass-through-fields.js';
import { resolveNodeIdsSynchronously } from './shared/sync-node-ids.js';

export const schema = builder.toSchema({ sortSchema: false });
resolveNodeIdsSynchronously(schema);
readConnectionMembersDirectly(schema);
