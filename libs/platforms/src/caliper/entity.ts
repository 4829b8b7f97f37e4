/** Caliper entity values are a full object or just its IRI (Caliper §4); both answer the IRI here. */
export function entityIri(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
}

export function entityType(value: unknown): string | undefined {
  if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string') return (value as { type: string }).type;
  return undefined;
}

export function entityField(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
}

/** Caliper 1.2 marks anonymous entities by using the term's own IRI as the id (e.g. .../caliper/Person). */
export const isAnonymous = (iri: string): boolean => iri.startsWith('http://purl.imsglobal.org/caliper/');
