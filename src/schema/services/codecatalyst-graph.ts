/** CodeCatalyst's resource graph: spaces hold projects, projects hold dev environments, dev environments hold sessions. */
import * as ops from '../../upstream/operations/index.js';
import { builder } from '../builder.js';
import { dateTime, enumOf, int, objectOf, str, upstreamFields } from '../shared/fields.js';
import { listingField, parentField, resourceConnection, resourceNode, type ResourceValue } from '../shared/resource.js';
import { wireEnum } from '../shared/wire-enum.js';
import { ownRegionField, spaceRegionField } from './codecatalyst-region.js';
import { CodeCatalystDevEnvironmentSession, CodeCatalystSessionConnection, toCodeCatalystSession, type CodeCatalystSessionShape } from './codecatalyst.js';

const status = wireEnum('CodeCatalystDevEnvironmentStatus', Object.fromEntries(['PENDING', 'RUNNING', 'STARTING', 'STOPPING', 'STOPPED', 'FAILED', 'DELETING', 'DELETED'].map((v) => [v, v])), 'The status of a CodeCatalyst dev environment.');
const instanceType = wireEnum('CodeCatalystInstanceType', { DEV_STANDARD1_SMALL: 'dev.standard1.small', DEV_STANDARD1_MEDIUM: 'dev.standard1.medium', DEV_STANDARD1_LARGE: 'dev.standard1.large', DEV_STANDARD1_XLARGE: 'dev.standard1.xlarge' }, 'The instance type of a dev environment.');

type Raw = Record<string, unknown>;
const Repository = builder.objectRef<Raw>('CodeCatalystDevEnvironmentRepository').implement({
  description: 'A source repository cloned into a dev environment.',
  fields: (t) => upstreamFields<Raw>(t, { repositoryName: str(), branchName: str() }, (v) => v) as never,
});
const Ide = builder.objectRef<Raw>('CodeCatalystIde').implement({
  description: 'An IDE of a dev environment.',
  fields: (t) => upstreamFields<Raw>(t, { name: str(), runtime: str() }, (v) => v) as never,
});
const PersistentStorage = builder.objectRef<Raw>('CodeCatalystPersistentStorage').implement({
  description: 'A dev environment\'s persistent storage.',
  fields: (t) => upstreamFields<Raw>(t, { sizeInGiB: int() }, (v) => v) as never,
});

export const Space = resourceNode({
  name: 'CodeCatalystSpace', service: 'CODECATALYST', description: 'A CodeCatalyst space (ListSpaces, GetSpace).',
  key: ['spaceName'], keyFrom: { spaceName: 'name' }, get: ops.codeCatalystGetSpace, getInput: ({ spaceName }) => ({ name: spaceName }),
  fields: { name: str({ required: true }), regionName: str(), displayName: str(), description: str() },
  regionField: ownRegionField,
});

export const Project = resourceNode({
  name: 'CodeCatalystProject', service: 'CODECATALYST', description: 'A project of a CodeCatalyst space (ListProjects, GetProject).',
  key: ['spaceName', 'projectName'], keyFrom: { projectName: 'name' }, get: ops.codeCatalystGetProject, getInput: ({ spaceName, projectName }) => ({ spaceName, name: projectName }),
  fields: { name: str({ required: true }), displayName: str(), description: str() },
  regionField: (t) => spaceRegionField<ResourceValue>(t, (v) => v.ids.spaceName!),
});

export const DevEnvironment = resourceNode({
  name: 'CodeCatalystDevEnvironment', service: 'CODECATALYST', description: 'A dev environment of a CodeCatalyst project (ListDevEnvironments, GetDevEnvironment).',
  key: ['spaceName', 'projectName', 'devEnvironmentId'], keyFrom: { devEnvironmentId: 'id' }, get: ops.codeCatalystGetDevEnvironment,
  getInput: ({ spaceName, projectName, devEnvironmentId }) => ({ spaceName, projectName, id: devEnvironmentId }),
  fields: {
    alias: str(), status: enumOf(status), statusReason: str(), lastUpdatedTime: dateTime(), creatorId: str(), instanceType: enumOf(instanceType),
    inactivityTimeoutMinutes: int(), persistentStorage: objectOf(PersistentStorage), repositories: objectOf(Repository, { list: true }), ides: objectOf(Ide, { list: true }),
    vpcConnectionName: str(),
  },
  regionField: (t) => spaceRegionField<ResourceValue>(t, (v) => v.ids.spaceName!),
});

const SpaceConnection = resourceConnection(Space);
const ProjectConnection = resourceConnection(Project);
const DevEnvironmentConnection = resourceConnection(DevEnvironment);

builder.queryField('codeCatalystSpaces', (t) => listingField<undefined, object>(t, {
  field: 'codeCatalystSpaces', op: ops.codeCatalystListSpaces, connection: SpaceConnection, fixes: [],
  description: 'The CodeCatalyst spaces the gateway\'s token can list (ListSpaces; the service picks its page size).',
  root: true, input: () => ({}), toNode: (item, _r, _a, place) => Space.from(item, {}, place),
}));

builder.objectFields(Space.ref, (t: any) => ({
  projects: listingField<ResourceValue, object>(t, {
    field: 'CodeCatalystSpace.projects', op: ops.codeCatalystListProjects, connection: ProjectConnection, fixes: ['spaceName'],
    description: 'The space\'s projects (ListProjects).', input: (s) => ({ spaceName: s.ids.spaceName }), toNode: (item, s) => Project.from(item, s.ids, s.place),
  }),
}));

builder.objectFields(Project.ref, (t: any) => ({
  space: parentField(t, Space, (p: ResourceValue) => ({ spaceName: p.ids.spaceName! }), 'The space of this project (GetSpace).'),
  devEnvironments: listingField<ResourceValue, object>(t, {
    field: 'CodeCatalystProject.devEnvironments', op: ops.codeCatalystListDevEnvironments, connection: DevEnvironmentConnection, fixes: ['spaceName', 'projectName'],
    description: 'The project\'s dev environments (ListDevEnvironments, by project).', input: (p) => ({ spaceName: p.ids.spaceName, projectName: p.ids.projectName }),
    toNode: (item, p) => DevEnvironment.from(item, p.ids, p.place),
  }),
}));

builder.objectFields(DevEnvironment.ref, (t: any) => ({
  project: parentField(t, Project, (e: ResourceValue) => ({ spaceName: e.ids.spaceName!, projectName: e.ids.projectName! }), 'The project of this dev environment (GetProject).'),
  sessions: listingField<ResourceValue, object>(t, {
    field: 'CodeCatalystDevEnvironment.sessions', op: ops.codeCatalystListDevEnvironmentSessions, connection: CodeCatalystSessionConnection,
    fixes: ['spaceName', 'projectName', 'devEnvironmentId'], description: 'The dev environment\'s sessions (ListDevEnvironmentSessions).',
    input: (e) => e.ids, toNode: (item, e) => toCodeCatalystSession(item, e.ids as never, e.place),
  }),
}));

builder.objectFields(CodeCatalystDevEnvironmentSession, (t: any) => ({
  devEnvironment: parentField(t, DevEnvironment, (s: CodeCatalystSessionShape) => ({ spaceName: s.spaceName, projectName: s.projectName, devEnvironmentId: s.devEnvironmentId }),
    'The dev environment of this session (GetDevEnvironment; one call per dev environment).'),
}));
