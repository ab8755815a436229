/** Checks an operation's input against the model's constraints, before anything is sent. */
import { InputError } from './errors.js';
import type { MemberBinding, OperationDescriptor, OperationInput } from './operation.js';

const anchored = new Map<string, RegExp>();

/** The model pattern as a whole-value match (model patterns are unanchored; a partial match would let `../` through). */
function wholeMatch(pattern: string): RegExp {
  let re = anchored.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${pattern})$`, 'u');
    anchored.set(pattern, re);
  }
  return re;
}

/** Characters in a well-formed string: UTF-16 units less one for each surrogate pair. */
function codePoints(value: string): number {
  let pairs = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) pairs++;
  }
  return value.length - pairs;
}

/** Why `value` breaks `binding`, or undefined when it is fine. */
export function checkMember(binding: MemberBinding, value: string | number | undefined): string | undefined {
  if (value === undefined || value === null) return binding.required ? 'is required' : undefined;
  if (binding.type === 'integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return 'must be a whole number';
    if (binding.min !== undefined && value < binding.min) return `must be at least ${binding.min}`;
    if (binding.max !== undefined && value > binding.max) return `must be at most ${binding.max}`;
    return undefined;
  }
  if (typeof value !== 'string') return 'must be a string';
  // A lone surrogate cannot be sent as UTF-8: it is the client's mistake, not an upstream's.
  if (!value.isWellFormed()) return 'must be valid Unicode text (it holds a lone surrogate)';
  const what = binding.describe ? ` (${binding.describe})` : '';
  // The models' lengths count characters (Unicode code points), as the services do, not UTF-16 units.
  const length = codePoints(value);
  if (binding.minLength !== undefined && length < binding.minLength) {
    return binding.minLength === binding.maxLength
      ? `must be exactly ${binding.minLength} characters${what}`
      : `must be at least ${binding.minLength} characters${what}`;
  }
  if (binding.maxLength !== undefined && length > binding.maxLength) {
    return binding.minLength === binding.maxLength
      ? `must be exactly ${binding.maxLength} characters${what}`
      : `must be at most ${binding.maxLength} characters${what}`;
  }
  if (binding.enum && !binding.enum.includes(value)) return `must be one of ${binding.enum.join(', ')}`;
  if (binding.pattern && !wholeMatch(binding.pattern).test(value)) {
    return `must match ${binding.pattern}${what}`;
  }
  if (binding.greedy && value.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return `must not hold an empty, "." or ".." path segment${what}`;
  }
  return undefined;
}

/** Throws an InputError naming the first member that breaks its constraints. */
export function validateInput(op: OperationDescriptor, input: OperationInput): void {
  for (const [name, binding] of Object.entries(op.members)) {
    const problem = checkMember(binding, input[name]);
    if (problem) throw new InputError(name, `${name} ${problem}`);
  }
  for (const name of Object.keys(input)) {
    if (!(name in op.members) && input[name] !== undefined) throw new InputError(name, `${name} is not an input of ${op.name}`);
  }
}
