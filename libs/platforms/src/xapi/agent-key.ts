import { isPlainObject } from './formats';
import type { XapiProblem } from './problems';
import { validateActor } from './validate-agent';

/**
 * The key by which the LRS knows an Agent or an identified Group: its one inverse functional
 * identifier, written the same way however the JSON was laid out. Undefined for an anonymous Group.
 */
export function agentKey(actor: unknown): string | undefined {
  if (!isPlainObject(actor)) return undefined;
  if (typeof actor.mbox === 'string') return `mbox:${actor.mbox.toLowerCase()}`;
  if (typeof actor.mbox_sha1sum === 'string') return `sha1:${actor.mbox_sha1sum.toLowerCase()}`;
  if (typeof actor.openid === 'string') return `openid:${actor.openid}`;
  if (isPlainObject(actor.account)) return `account:${JSON.stringify([actor.account.homePage, actor.account.name])}`;
  return undefined;
}

/**
 * Reads the `agent` parameter of a query or a document request: a JSON Agent (or identified
 * Group) with exactly one identifier. Answers the agent with its key, or what is wrong, naming `name`.
 */
export function parseAgentParameter(value: string | undefined, name = 'agent'): { agent: Record<string, unknown>; key: string } | { problem: string } {
  if (value === undefined || value === '') return { problem: `${name}: is required` };
  let agent: unknown;
  try {
    agent = JSON.parse(value);
  } catch {
    return { problem: `${name}: is not JSON` };
  }
  const problems: XapiProblem[] = [];
  validateActor(agent, name, (path, message) => problems.push({ path, message }));
  if (problems.length > 0) return { problem: problems.map((p) => `${p.path}: ${p.message}`).join('; ') };
  const key = agentKey(agent);
  if (!key) return { problem: `${name}: must be an Agent or an identified Group` };
  return { agent: agent as Record<string, unknown>, key };
}
