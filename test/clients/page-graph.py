"""Pages through the sandbox's resource graph with boto3, configured only by the environment `npm run sandbox`
prints: every list operation under the known parents, and GetPortal by ARN (a greedy path label). Prints the counts."""
import json
import sys

import boto3

f = json.loads(sys.argv[1])
session = boto3.session.Session()
d, w, n, c = f['deadline'], f['workSpacesWeb'], f['novaAct'], f['codeCatalyst']


def count(client, operation, key, page_size=3, **kwargs):
    config = {'PageSize': page_size} if page_size else {}
    pages = session.client(client).get_paginator(operation).paginate(**kwargs, PaginationConfig=config)
    return sum(len(page[key]) for page in pages)


def portals():
    # ListPortals has no paginator in the model: follow nextToken by hand, as its documentation says.
    client, total, token = session.client('workspaces-web'), [], None
    while True:
        page = client.list_portals(maxResults=3, **({'nextToken': token} if token else {}))
        total += page['portals']
        token = page.get('nextToken')
        if not token:
            return total


listed = portals()
print(json.dumps({
    'farms': count('deadline', 'list_farms', 'farms'),
    'queues': count('deadline', 'list_queues', 'queues', farmId=d['farmId']),
    'jobs': count('deadline', 'list_jobs', 'jobs', farmId=d['farmId'], queueId=d['queueId']),
    'fleets': count('deadline', 'list_fleets', 'fleets', farmId=d['farmId']),
    'workers': count('deadline', 'list_workers', 'workers', farmId=d['farmId'], fleetId=d['fleetId']),
    'portals': len(listed),
    'portalNames': [session.client('workspaces-web').get_portal(portalArn=p['portalArn'])['portal']['displayName'] for p in listed],
    'workflowDefinitions': count('nova-act', 'list_workflow_definitions', 'workflowDefinitionSummaries'),
    'workflowRuns': count('nova-act', 'list_workflow_runs', 'workflowRunSummaries', workflowDefinitionName=n['workflowDefinitionName']),
    'spaces': count('codecatalyst', 'list_spaces', 'items', page_size=None),
    'projects': count('codecatalyst', 'list_projects', 'items', spaceName=c['spaceName']),
    'devEnvironments': count('codecatalyst', 'list_dev_environments', 'items', spaceName=c['spaceName'], projectName=c['projectName']),
}))
