/** Every operation the gateway calls, by service. */
export * from './nova-act.js';
export * from './workspaces-web.js';
export * from './deadline.js';
export * from './codecatalyst.js';
