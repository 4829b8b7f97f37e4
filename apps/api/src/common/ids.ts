import { ID_RULE, isValidId } from '@attendance/domain';

/** The path parameters that name something: each must be an id, or the request is refused naming it. */
export function pathIdProblem(params: Record<string, string> | undefined): string | undefined {
  for (const [name, value] of Object.entries(params ?? {})) {
    if (name !== '*' && !isValidId(value)) return `${name} in the path must be ${ID_RULE}`;
  }
  return undefined;
}
