/**
 * The one key of an upstream call: its place, its operation and its input with members sorted (undefined ones
 * dropped), so that equal calls written differently share it. The request's loaders de-duplicate by it; the page
 * cache finds pages by it across requests.
 */
import type { OperationDescriptor, OperationInput } from './operation.js';
import { placeKey, type Place } from './place.js';

export function callKey(op: OperationDescriptor, input: OperationInput, place: Place): string {
  const members = Object.keys(input).sort().filter((k) => input[k] !== undefined).map((k) => [k, input[k]]);
  // Unambiguous: place parts, service ids and operation names hold no `/` or `?`; the members are JSON.
  return `${placeKey(place)}/${op.service.id}/${op.name}?${JSON.stringify(members)}`;
}
