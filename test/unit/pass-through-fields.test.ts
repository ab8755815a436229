/** Connection members are read without a resolver; a resolver that does more than read its member is kept. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphQLList, GraphQLObjectType, GraphQLSchema, GraphQLString, getNamedType, graphqlSync, isObjectType } from 'graphql';
import { schema } from '../../src/schema/index.js';
import { readConnectionMembersDirectly } from '../../src/schema/shared/pass-through-fields.js';

describe('connection members', () => {
  it('every connection reads edges, pageInfo and each edge\'s node without a resolver', () => {
    const connections = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && t.getFields()['edges'] && t.getFields()['pageInfo']);
    assert.ok(connections.length >= 15, `${connections.length} connections`);
    for (const type of connections) {
      assert.ok(isObjectType(type));
      const { edges, pageInfo } = type.getFields();
      const edge = getNamedType(edges!.type);
      assert.ok(isObjectType(edge));
      for (const field of [edges!, pageInfo!, edge.getFields()['node']!]) assert.equal(field.resolve, undefined, `${type.name}: ${field.name}`);
    }
  });

  it('keeps a resolver that does more than read the member, and the answers stay the same', () => {
    const edge = new GraphQLObjectType({ name: 'E', fields: { node: { type: GraphQLString, resolve: (e: { node: string }) => e.node.toUpperCase() }, cursor: { type: GraphQLString } } });
    type Parent = { edges: unknown[]; pageInfo: string };
    const connection = new GraphQLObjectType<Parent>({
      name: 'C',
      fields: {
        edges: { type: new GraphQLList(edge), resolve: (p) => p.edges },
        pageInfo: { type: GraphQLString, resolve: (p) => `${p.pageInfo}!` },
      },
    });
    const small = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { c: { type: connection, resolve: () => ({ edges: [{ node: 'a', cursor: 'x' }], pageInfo: 'p' }) } } }) });
    const query = '{ c { edges { node cursor } pageInfo } }';
    const before = graphqlSync({ schema: small, source: query });
    readConnectionMembersDirectly(small);
    assert.equal(connection.getFields()['edges']!.resolve, undefined);
    assert.notEqual(connection.getFields()['pageInfo']!.resolve, undefined);
    assert.notEqual(edge.getFields()['node']!.resolve, undefined);
    assert.deepEqual(graphqlSync({ schema: small, source: query }), before);
    assert.deepEqual(JSON.parse(JSON.stringify(before.data)), { c: { edges: [{ node: 'A', cursor: 'x' }], pageInfo: 'p!' } });
  });
});
