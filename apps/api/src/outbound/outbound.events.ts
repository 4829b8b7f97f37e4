/** An integration's subscription to the notices (rules I6), one per institution. */
export interface OutboundWebhookSet {
  name: string;
  url: string;
  secret: string;
  active: boolean;
}

export const OUTBOUND_WEBHOOK_SET = 'OutboundWebhookSet';
export const OUTBOUND_WEBHOOKS_STREAM = 'outbound-webhooks';
