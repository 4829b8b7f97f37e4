/** A Person object (xAPI 1.0.3 Communication §2.4): every identifier the LRS knows of one person, each as a list. */
export interface Person {
  objectType: 'Person';
  name?: string[];
  mbox?: string[];
  mbox_sha1sum?: string[];
  openid?: string[];
  account?: Array<{ homePage: string; name: string }>;
}

/**
 * The Person for an Agent: what the Agent itself says, each property a list of one, the absent
 * ones left out. The LRS keeps no other identities of an agent, so this is all it knows of them.
 */
export function personOf(agent: Record<string, unknown>): Person {
  const person: Person = { objectType: 'Person' };
  if (typeof agent.name === 'string') person.name = [agent.name];
  if (typeof agent.mbox === 'string') person.mbox = [agent.mbox];
  if (typeof agent.mbox_sha1sum === 'string') person.mbox_sha1sum = [agent.mbox_sha1sum];
  if (typeof agent.openid === 'string') person.openid = [agent.openid];
  const account = agent.account as { homePage?: unknown; name?: unknown } | undefined;
  if (account && typeof account.homePage === 'string' && typeof account.name === 'string') person.account = [{ homePage: account.homePage, name: account.name }];
  return person;
}
