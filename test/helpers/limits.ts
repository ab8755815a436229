/** The connection limits a gateway gets with no settings, as the configuration gives them. */
import { loadConfig } from '../../src/config.js';

export const DEFAULT_LIMITS = loadConfig({}).limits;
