import { Static, Type } from '@sinclair/typebox';
import { checker } from '../schema';

const OutboundWebhookSetSchema = Type.Object({ name: Type.String({ minLength: 1 }), url: Type.String(), secret: Type.String(), active: Type.Boolean() });
/** An integration's subscription to the notices (rules I6), one per institution. */
export type OutboundWebhookSet = Static<typeof OutboundWebhookSetSchema>;

export const OUTBOUND_WEBHOOK_SET = 'OutboundWebhookSet';
export const OUTBOUND_WEBHOOKS_STREAM = 'outbound-webhooks';

const OutboundDeliveredSchema = Type.Object({ name: Type.String({ minLength: 1 }), position: Type.String({ pattern: '^[0-9]{1,20}$' }) });
/** A webhook's receiver took every notice up to this position: the checkpoint any instance delivers on from. */
export type OutboundDelivered = Static<typeof OutboundDeliveredSchema>;
export const OUTBOUND_DELIVERED = 'OutboundDelivered';
export const deliveredStream = (name: string) => `outbound-delivered:${JSON.stringify(name)}`;

export const OUTBOUND_EVENT_SCHEMAS = { [OUTBOUND_WEBHOOK_SET]: checker(OutboundWebhookSetSchema), [OUTBOUND_DELIVERED]: checker(OutboundDeliveredSchema) } as const;
