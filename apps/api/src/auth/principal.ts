import type { Role } from '@attendance/domain';

export type { Role };

/** Who is calling: the role and subject of their token. */
export interface Principal {
  role: Role;
  subject: string;
  /** A short, non-secret name of the token for audit and rate limits. */
  tokenId: string;
  /** Who signed in to a dashboard session, at their provider: the audit trail records it. */
  signedIn?: { issuer: string; sub: string; name?: string };
}
