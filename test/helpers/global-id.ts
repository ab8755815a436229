/**
 * A session's Relay global ID as the gateway documents it, written here rather than taken from the gateway: base64 of
 * the type name, a colon, and the JSON array of the IDs that find the session again.
 */
export const globalId = (type: string, parts: string[]): string => Buffer.from(`${type}:${JSON.stringify(parts)}`).toString('base64');
