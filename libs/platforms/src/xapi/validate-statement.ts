import { isPlainObject, isSupportedVersion, isTimestamp, isUuid } from './formats';
import { reportNulls } from './find-nulls';
import { allowOnly, XapiProblem } from './problems';
import { validateActor } from './validate-agent';
import { STATEMENT_KEYS, validateCore } from './validate-core';

export const VERSION_HEADER = 'X-Experience-API-Version';

/**
 * The problems that make an LRS refuse a statement with 400 under xAPI 1.0.3 (Data §2, §4 and
 * Communication §3.3 for the version header); an empty list when it is valid. `versionHeader` is
 * the request's X-Experience-API-Version, which every statement request must carry.
 */
export function validateStatement(statement: unknown, versionHeader: string | undefined): XapiProblem[] {
  const problems: XapiProblem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });
  if (versionHeader === undefined || versionHeader === '') report(VERSION_HEADER, 'the header is required');
  else if (!isSupportedVersion(versionHeader)) report(VERSION_HEADER, `"${versionHeader}" is not supported: send 1.0.x`);
  if (!isPlainObject(statement)) {
    report('(statement)', 'must be a JSON object');
    return problems;
  }
  reportNulls(statement, '', report);
  allowOnly(statement, STATEMENT_KEYS, '', report);
  if (statement.id !== undefined && !isUuid(statement.id)) report('id', 'must be a UUID');
  validateCore(statement, '', report, false);
  if (statement.stored !== undefined && !isTimestamp(statement.stored)) report('stored', 'must be an ISO 8601 date-time');
  if (statement.authority !== undefined) {
    validateActor(statement.authority, 'authority', report);
    if (isPlainObject(statement.authority) && statement.authority.objectType === 'Group') validateOAuthAuthority(statement.authority, report);
  }
  if (statement.version !== undefined && !isSupportedVersion(statement.version)) report('version', 'must be 1.0 or 1.0.x');
  return problems;
}

/** A Group as authority is the pair of an OAuth consumer and a user: anonymous, with exactly two Agents (xAPI 1.0.3 §2.4.9). */
function validateOAuthAuthority(group: Record<string, unknown>, report: (path: string, message: string) => void): void {
  if (['mbox', 'mbox_sha1sum', 'openid', 'account'].some((ifi) => group[ifi] !== undefined)) report('authority', 'a Group as authority must be anonymous (no identifier)');
  if (!Array.isArray(group.member) || group.member.length !== 2) report('authority.member', 'a Group as authority has exactly two Agents');
}
