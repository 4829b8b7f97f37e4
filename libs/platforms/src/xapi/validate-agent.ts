import { isIri, isIrl, isMailto, isPlainObject, isSha1Hex } from './formats';
import { allowOnly, at, Report } from './problems';

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const AGENT_KEYS = ['objectType', 'name', ...IFIS];
const GROUP_KEYS = [...AGENT_KEYS, 'member'];

export interface AgentRules {
  /** objectType may be left out only where an Agent is the default (actor, instructor, authority). */
  objectTypeRequired?: boolean;
  /** context.team must be a Group. */
  groupOnly?: boolean;
}

/** An Agent, or a Group (anonymous with members, or identified by one IFI). */
export function validateActor(value: unknown, path: string, report: Report, rules: AgentRules = {}): void {
  if (!isPlainObject(value)) return report(path, 'must be an Agent or a Group object');
  const type = value.objectType;
  if (type === undefined && rules.objectTypeRequired) return report(at(path, 'objectType'), 'is required here');
  if (type !== undefined && type !== 'Agent' && type !== 'Group') return report(at(path, 'objectType'), 'must be "Agent" or "Group"');
  if (type === 'Group') return validateGroup(value, path, report);
  if (rules.groupOnly) return report(at(path, 'objectType'), 'must be "Group"');
  validateAgent(value, path, report);
}

function validateAgent(agent: Record<string, unknown>, path: string, report: Report): void {
  allowOnly(agent, AGENT_KEYS, path, report);
  validateName(agent, path, report);
  const count = validateIfis(agent, path, report);
  if (count !== 1) report(path, `an Agent needs exactly one of mbox, mbox_sha1sum, openid, account (has ${count})`);
}

function validateGroup(group: Record<string, unknown>, path: string, report: Report): void {
  allowOnly(group, GROUP_KEYS, path, report);
  validateName(group, path, report);
  const count = validateIfis(group, path, report);
  if (count > 1) report(path, `a Group has at most one of mbox, mbox_sha1sum, openid, account (has ${count})`);
  if (group.member === undefined) {
    if (count === 0) report(at(path, 'member'), 'an anonymous Group (no identifier) needs members');
    return;
  }
  if (!Array.isArray(group.member)) return report(at(path, 'member'), 'must be an array of Agents');
  if (count === 0 && group.member.length === 0) report(at(path, 'member'), 'an anonymous Group needs at least one member');
  group.member.forEach((member, i) => {
    const memberPath = at(at(path, 'member'), i);
    if (isPlainObject(member) && member.objectType === 'Group') return report(at(memberPath, 'objectType'), 'a Group member must be an Agent');
    validateActor(member, memberPath, report);
  });
}

function validateName(value: Record<string, unknown>, path: string, report: Report): void {
  if (value.name !== undefined && typeof value.name !== 'string') report(at(path, 'name'), 'must be a string');
}

/** Checks each inverse functional identifier present and answers how many there are. */
function validateIfis(value: Record<string, unknown>, path: string, report: Report): number {
  const present = IFIS.filter((ifi) => value[ifi] !== undefined);
  if (value.mbox !== undefined && !isMailto(value.mbox)) report(at(path, 'mbox'), 'must be a mailto: IRI (mailto:name@host)');
  if (value.mbox_sha1sum !== undefined && !isSha1Hex(value.mbox_sha1sum)) report(at(path, 'mbox_sha1sum'), 'must be 40 hex digits');
  if (value.openid !== undefined && !isIri(value.openid)) report(at(path, 'openid'), 'must be a URI');
  if (value.account !== undefined) validateAccount(value.account, at(path, 'account'), report);
  return present.length;
}

function validateAccount(account: unknown, path: string, report: Report): void {
  if (!isPlainObject(account)) return report(path, 'must be an object { homePage, name }');
  allowOnly(account, ['homePage', 'name'], path, report);
  if (!isIrl(account.homePage)) report(at(path, 'homePage'), 'must be an IRL (http or https URL)');
  if (typeof account.name !== 'string' || account.name === '') report(at(path, 'name'), 'must be a non-empty string');
}
