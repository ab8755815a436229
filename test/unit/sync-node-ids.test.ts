/** Node IDs resolve synchronously, to the documented global ID: no promise per node of a page. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isObjectType, type GraphQLResolveInfo } from 'graphql';
import { schema } from '../../src/schema/index.js';
import { isNodeType } from '../../src/schema/shared/global-ids.js';
import { globalId } from '../helpers/global-id.js';

const nodeTypes = Object.values(schema.getTypeMap()).filter(isNodeType);

describe('node ids', () => {
  it('every Node type has its id resolved by a plain function, not an async one', () => {
    assert.ok(nodeTypes.length >= 10, `${nodeTypes.length} node types`);
    for (const type of nodeTypes) {
      const resolve = type.getFields()['id']!.resolve!;
      assert.notEqual(resolve.constructor.name, 'AsyncFunction', type.name);
    }
  });

  it('a Deadline session gets its global ID at once, the one the README documents', () => {
    const type = schema.getType('DeadlineSession');
    assert.ok(isObjectType(type));
    const session = { farmId: 'farm-1', queueId: 'queue-2', jobId: 'job-3', sessionId: 'session-4', place: { region: 'us-west-2', account: 'default', home: true } };
    const away = { ...session, place: { region: 'eu-west-1', account: 'prod' } };
    const id = (parent: object) => type.getFields()['id']!.resolve!(parent, {}, {}, {} as GraphQLResolveInfo);
    assert.equal(id(session), globalId('DeadlineSession', ['farm-1', 'queue-2', 'job-3', 'session-4']));
    assert.equal(id(away), globalId('DeadlineSession', ['farm-1', 'queue-2', 'job-3', 'session-4', 'eu-west-1', 'prod']));
  });
});
