import { BbbTranslation, emptyBbbTranslation, mergeBbbTranslations } from './bbb-translation';
import { isMappedEvent, translateMappedEvent } from './mapped-event';
import { isRawEvent, translateRawEvent } from './raw-event';
import { readBbbWebhookBody } from './webhook-body';

export interface BbbWebhookOptions {
  /** External meeting ids the tracker links items to: recognises meetings named only by their internal id. */
  knownExternalMeetingIds?: readonly string[];
}

/** Translates one bbb-webhooks POST (mapped or raw events), or a recording-ready callback, to facts. */
export function translateBbbWebhook(rawBody: string | Buffer, options: BbbWebhookOptions = {}): BbbTranslation {
  const body = readBbbWebhookBody(rawBody);
  if (body.kind === 'recording-ready') {
    const translation = emptyBbbTranslation();
    translation.ignored.push({ event: 'recording-ready', reason: 'a recording-ready callback carries no attendance' });
    return translation;
  }
  const known = options.knownExternalMeetingIds ?? [];
  return mergeBbbTranslations(
    body.events.map((event) => {
      if (isMappedEvent(event)) return translateMappedEvent(event, known);
      if (isRawEvent(event)) return translateRawEvent(event, known);
      throw new Error('a BigBlueButton webhook event is neither a mapped event (data.id) nor a raw message (envelope.name)');
    }),
  );
}
