import { Static, Type } from '@sinclair/typebox';
import { checker } from '../schema';

const OutboundWebhookSetSchema = Type.Object({ name: Type.String({ minLength: 1 }), url: Type.String(), secret: Type.String(), active: Type.Boolean() });
/** An integration's subscription to the notices (rules I6), one per institution. */
export type OutboundWebhookSet = Static<typeof OutboundWebhookSetSchema>;

export const OUTBOUND_WEBHOOK_SET = 'OutboundWebhookSet';
export const OUTBOUND_WEBHOOKS_STREAM = 'outbound-webhooks';
export const OUTBOUND_EVENT_SCHEMAS = { [OUTBOUND_WEBHOOK_SET]: checker(OutboundWebhookSetSchema) } as const;
