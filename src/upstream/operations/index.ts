/** Every operation the gateway calls, by service. */
export * from './nova-act.js';
export * from './workspaces-web.js';
export * from './deadline.js';
export * from './codecatalyst.js';

import type { ServiceDescriptor } from '../operation.js';
import { codeCatalyst } from './codecatalyst.js';
import { deadline } from './deadline.js';
import { novaAct } from './nova-act.js';
import { workSpacesWeb } from './workspaces-web.js';

/** The services, in the order the gateway lists them. */
export const SERVICES: readonly ServiceDescriptor[] = [novaAct, workSpacesWeb, deadline, codeCatalyst];
