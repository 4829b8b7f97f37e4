import type { Schema } from './schema-arbitrary';

/** One route of the OpenAPI document, as the fuzz suite drives it. */
export interface Operation {
  method: string;
  /** The path with {name} placeholders. */
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: Schema }>;
  body?: { schema: Schema; required: boolean };
  /** Who may call it (x-roles); "anyone" for public routes. */
  roles: string[];
  stream: boolean;
}

export function operationsOf(document: any): Operation[] {
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries<any>(document.paths)) {
    for (const [method, op] of Object.entries<any>(byMethod)) {
      const parameters: any[] = op.parameters ?? [];
      const content = op.requestBody?.content?.['application/json'];
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: content?.schema ? { schema: content.schema, required: op.requestBody.required !== false } : undefined,
        roles: op['x-roles'] ?? ['anyone'],
        stream: path.endsWith('/stream') || path.endsWith('/live'),
      });
    }
  }
  return operations;
}

/** The path with its parameters filled in, each percent-encoded. */
export const fillPath = (op: Operation, params: Record<string, string>) => op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
