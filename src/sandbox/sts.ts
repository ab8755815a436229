/**
 * The sandbox's STS: `AssumeRole` as AWS serves it (query protocol: a form body, an XML answer, XML errors), for the
 * roles of SANDBOX_ROLES. The credentials it issues belong to the role's account and expire; the gateway must renew
 * them before they do, and a request signed with expired ones is refused with ExpiredToken(Exception).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Access } from './access.js';
import { ACCOUNT } from './estate.js';
import { SandboxError } from './sandbox-error.js';
import { SANDBOX_ROLES } from './worlds.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Issued credentials kept at once; the oldest are forgotten first (a long run stays small). */
const MAX_ISSUED = 10_000;

/** What AssumeRole answers: the XML body and its status. */
export interface StsReply {
  status: number;
  xml: string;
}

/** The answer to an STS request whose caller has been authenticated; `lifetimeSeconds` caps what it issues. */
export function assumeRole(access: Access, form: URLSearchParams, callerAccount: string, lifetimeSeconds?: number): StsReply {
  try {
    return { status: 200, xml: assumed(access, form, callerAccount, lifetimeSeconds) };
  } catch (err) {
    const e = err instanceof SandboxError ? err : new SandboxError(500, 'InternalFailure', 'Internal error');
    return { status: e.status, xml: stsErrorXml(e) };
  }
}

/** An STS error document, as the query protocol sends it. */
export function stsErrorXml(e: SandboxError): string {
  const type = e.status >= 500 ? 'Receiver' : 'Sender';
  return `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${e.errorType}</Code><Message>${escape(e.message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
}

function assumed(access: Access, form: URLSearchParams, callerAccount: string, lifetimeSeconds?: number): string {
  const action = form.get('Action');
  if (action !== 'AssumeRole') throw new SandboxError(400, 'InvalidAction', `Could not find operation ${action ?? '(none)'} for version ${form.get('Version') ?? '(none)'}`);
  if (form.get('Version') !== '2011-06-15') throw new SandboxError(400, 'InvalidAction', 'Version must be 2011-06-15');
  const roleArn = form.get('RoleArn') ?? '';
  const sessionName = form.get('RoleSessionName') ?? '';
  if (roleArn.length < 20 || roleArn.length > 2048) throw validationError('roleArn', roleArn, 'Member must have length between 20 and 2048');
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) throw validationError('roleSessionName', sessionName, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  const duration = form.has('DurationSeconds') ? Number(form.get('DurationSeconds')) : 3600;
  if (!Number.isInteger(duration) || duration < 900 || duration > 43_200) throw validationError('durationSeconds', String(form.get('DurationSeconds')), 'Member must have value between 900 and 43200');
  const role = SANDBOX_ROLES.find((r) => r.roleArn === roleArn);
  // AWS answers an unknown role, a caller outside its trust policy and a wrong external ID alike.
  if (!role || callerAccount !== ACCOUNT || (role.externalId !== undefined && form.get('ExternalId') !== role.externalId)) {
    throw new SandboxError(403, 'AccessDenied', `User: arn:aws:iam::${callerAccount}:user/sandbox is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }
  const now = Date.now();
  const expiresAt = now + Math.min(duration, lifetimeSeconds ?? duration) * 1000;
  const accessKeyId = `ASIA${randomBytes(10).toString('hex').toUpperCase().slice(0, 16)}`;
  const identity = { accessKeyId, secretAccessKey: randomBytes(30).toString('base64'), sessionToken: randomBytes(48).toString('base64'), accountId: role.accountId, expiresAt };
  forgetExpired(access, now);
  access.identities.set(accessKeyId, identity);
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
  return `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult>`
    + `<AssumedRoleUser><AssumedRoleId>AROA${role.accountId}EXAMPLE:${escape(sessionName)}</AssumedRoleId><Arn>arn:aws:sts::${role.accountId}:assumed-role/${escape(roleName)}/${escape(sessionName)}</Arn></AssumedRoleUser>`
    + `<Credentials><AccessKeyId>${accessKeyId}</AccessKeyId><SecretAccessKey>${escape(identity.secretAccessKey)}</SecretAccessKey><SessionToken>${escape(identity.sessionToken)}</SessionToken><Expiration>${new Date(expiresAt).toISOString()}</Expiration></Credentials>`
    + `</AssumeRoleResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}

/** Drops credentials expired a minute ago or more, and the oldest issued ones beyond MAX_ISSUED. */
function forgetExpired(access: Access, now: number): void {
  let issued = 0;
  for (const [key, identity] of access.identities) {
    if (identity.expiresAt === undefined) continue;
    if (identity.expiresAt < now - 60_000) access.identities.delete(key);
    else issued++;
  }
  for (const [key, identity] of access.identities) {
    if (issued < MAX_ISSUED) break;
    if (identity.expiresAt !== undefined) {
      access.identities.delete(key);
      issued--;
    }
  }
}

const validationError = (member: string, value: string, rule: string) =>
  new SandboxError(400, 'ValidationError', `1 validation error detected: Value '${value.slice(0, 100)}' at '${member}' failed to satisfy constraint: ${rule}`);

const escape = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
