/** The schema: the service modules register their types and fields on the builder; this builds it. */
import { builder } from './builder.js';
import './shared/session.js';
import './services/nova-act.js';
import './services/workspaces-web.js';
import './services/deadline.js';
import './services/codecatalyst.js';
import './unified/sessions.js';

export const schema = builder.toSchema({ sortSchema: false });
