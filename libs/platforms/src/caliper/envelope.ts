const DATA_VERSIONS = ['http://purl.imsglobal.org/ctx/caliper/v1p1', 'http://purl.imsglobal.org/ctx/caliper/v1p2'];
const ENVELOPE_KEYS = ['sensor', 'sendTime', 'dataVersion', 'data'];

/** Caliper §5.4 answers 422, not 400, to an envelope of a version the endpoint does not support. */
export class UnsupportedCaliperVersionError extends Error {
  constructor(dataVersion: unknown) {
    super(`Caliper dataVersion ${JSON.stringify(dataVersion)} is not supported (v1p1 or v1p2)`);
    this.name = 'UnsupportedCaliperVersionError';
  }
}

export interface CaliperEnvelope {
  sensor: string;
  dataVersion: string;
  /** Events and entity describes, in the sensor's order. */
  data: unknown[];
}

/** The envelope of Caliper §5.2: sensor, sendTime, dataVersion and data, nothing else. */
export function readCaliperEnvelope(json: unknown): CaliperEnvelope {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('a Caliper envelope must be a JSON object');
  const envelope = json as Record<string, unknown>;
  const unknown = Object.keys(envelope).filter((key) => !ENVELOPE_KEYS.includes(key));
  if (unknown.length > 0) throw new Error(`Caliper envelope has properties the spec does not allow: ${unknown.join(', ')}`);
  if (typeof envelope.sensor !== 'string' || envelope.sensor === '') throw new Error('Caliper envelope sensor is missing');
  if (typeof envelope.sendTime !== 'string' || Number.isNaN(Date.parse(envelope.sendTime))) throw new Error('Caliper envelope sendTime is missing or not a date-time');
  if (!DATA_VERSIONS.includes(envelope.dataVersion as string)) throw new UnsupportedCaliperVersionError(envelope.dataVersion);
  if (!Array.isArray(envelope.data)) throw new Error('Caliper envelope data must be an array');
  return { sensor: envelope.sensor, dataVersion: envelope.dataVersion as string, data: envelope.data };
}
