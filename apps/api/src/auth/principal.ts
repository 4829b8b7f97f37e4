export type Role = 'admin' | 'integration' | 'registrar' | 'faculty' | 'student';
export const ROLES: readonly Role[] = ['admin', 'integration', 'registrar', 'faculty', 'student'];

/** Who is calling: the role and subject of their token. */
export interface Principal {
  role: Role;
  subject: string;
  /** A short, non-secret name of the token for audit and rate limits. */
  tokenId: string;
}
