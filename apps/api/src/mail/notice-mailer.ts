import type { DomainEvent, NoticeRecorded } from '@attendance/domain';
import { Inject, Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { NOTICE_MAILED, NOTICE_RECORDED, noticeMailedStream } from '@attendance/domain';
import { CatchUpConsumer, Clock, ConsumerStatus, EventStore, StoredEvent } from '@attendance/event-store';
import { createHash } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';
import type { AppConfig, MailConfig } from '../config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from '../config/tokens';
import { SideEffectsLease } from '../operations/side-effects-lease';
import { DeliveryCheckpoints } from '../outbound/delivery-checkpoints';
import { AttendanceReader } from '../projection/attendance-reader';
import { SkippedEvents } from '../store/skipped-events';
import { MissedItem, NoticeMail, renderNoticeMail } from './notice-mail';
import { NoticeRecipients, Recipient } from './notice-recipients';

/** The checkpoint's name: a webhook's name is an id, which cannot hold "/", so none can share it. */
const CHECKPOINT = 'mail/notices';
const MAX_BACKOFF_MS = 5 * 60_000;

export interface MailStatus {
  sent: number;
  refused: number;
  failures: number;
  lastError?: string;
}

/**
 * E-mails every notice to its recipients (notice-recipients.ts), in order, from a checkpoint in
 * the event store like the outbound webhooks': at least once, retried with back-off while the mail
 * server is down, by the instance holding the side-effects lease. Each recipient's copy is recorded
 * (`NoticeMailed`) once the server took it, so a restart or a new holder sends on without repeating
 * it; a copy the server refuses for good (5xx) is recorded as refused and the others go on.
 */
@Injectable()
export class NoticeMailer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('NoticeMailer');
  private readonly mail?: MailConfig;
  private readonly transport?: Transporter;
  private readonly consumer?: CatchUpConsumer;
  private readonly checkpoints: DeliveryCheckpoints;
  private readonly retryBaseMs: number;
  private stopped = false;
  private wake?: () => void;
  readonly status: MailStatus = { sent: 0, refused: 0, failures: 0 };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore<DomainEvent>,
    @Inject(CLOCK) clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly recipients: NoticeRecipients,
    private readonly reader: AttendanceReader,
    private readonly skipped: SkippedEvents,
    lease: SideEffectsLease,
  ) {
    this.checkpoints = new DeliveryCheckpoints(store);
    this.retryBaseMs = config.outboundRetryBaseMs;
    this.mail = config.mail;
    if (!this.mail) return;
    this.transport = createTransport(this.mail.smtpUrl);
    this.consumer = new CatchUpConsumer('mail', store, { checkpoint: () => this.checkpoints.read(CHECKPOINT), handle: (page) => this.sendPage(page) }, { clock, pageSize: 200, gate: lease });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer?.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.consumer?.stop();
    this.transport?.close();
  }

  consumerStatuses(): ConsumerStatus[] {
    return this.consumer ? [this.consumer.status()] : [];
  }

  /** Resolves once every notice up to `position` has been mailed (or passed over). */
  async mailedUpTo(position: bigint): Promise<void> {
    await this.consumer?.waitFor(position);
  }

  private async sendPage(page: StoredEvent[]): Promise<void> {
    for (const stored of page) {
      if (stored.position <= this.checkpoints.get(CHECKPOINT)) continue;
      const event = stored.type === NOTICE_RECORDED ? this.skipped.read(stored) : undefined;
      if (event?.type !== NOTICE_RECORDED) continue;
      await this.sendNotice(event.id, event.data);
      await this.checkpoints.set(CHECKPOINT, stored.position);
    }
  }

  private async sendNotice(noticeId: string, notice: NoticeRecorded): Promise<void> {
    const done = new Set(this.skipped.readAll(await this.store.readStream(noticeMailedStream(noticeId))).flatMap((e) => (e.type === NOTICE_MAILED ? [`${e.data.role}:${e.data.to}`] : [])));
    const recipients = (await this.recipients.of(notice)).filter((r) => !done.has(`${r.role}:${r.to}`));
    if (recipients.length === 0) return;
    const missed = await this.missedItems(notice);
    const definition = this.reader.definitionOf(notice.sectionId);
    const policy = (await this.reader.policyNow(notice.sectionId)).policy;
    const render = (recipient: Recipient) =>
      renderNoticeMail({
        classesInMinutes: policy.timedItemWeight === 'minutes',
        notice,
        section: { courseCode: definition?.courseCode ?? notice.sectionId, title: definition?.title, timezone: definition?.timezone ?? 'Asia/Riyadh' },
        missed,
        language: recipient.language,
        role: recipient.role,
        dashboardUrl: `${this.config.publicBaseUrl}/#/students/${encodeURIComponent(notice.studentId)}`,
      });
    // Each recipient's copy is its own delivery: one that fails for now is tried again with back-off while the others go.
    let pending = recipients;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 0) await this.pause(Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** Math.min(attempt - 1, 20)));
      const failed: Recipient[] = [];
      for (const recipient of pending) {
        if (this.stopped) throw new Error('stopping');
        const messageId = `<${createHash('sha256').update(noticeId).digest('hex').slice(0, 32)}.${recipient.role}.${createHash('sha256').update(recipient.to).digest('hex').slice(0, 8)}@attendance.notices>`;
        const outcome = await this.send(recipient, render(recipient), messageId);
        if (outcome === 'again') {
          failed.push(recipient);
          continue;
        }
        await this.store.appendToStream(noticeMailedStream(noticeId), [
          { id: `mailed:${JSON.stringify([noticeId, recipient.role, recipient.to])}`, type: NOTICE_MAILED, data: { noticeId, role: recipient.role, to: recipient.to, messageId, ...(outcome.refused ? { refused: outcome.refused } : {}) } },
        ]);
      }
      pending = failed;
    }
  }

  /** One try: taken, refused for good (a 5xx, with why), or to be tried again. */
  private async send(recipient: Recipient, mail: NoticeMail, messageId: string): Promise<{ refused?: string } | 'again'> {
    try {
      await this.transport!.sendMail({ from: this.mail!.from, to: recipient.to, subject: mail.subject, text: mail.text, html: mail.html, messageId, headers: { 'Content-Language': recipient.language } });
      this.status.sent++;
      this.status.failures = 0;
      this.status.lastError = undefined;
      return {};
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      if (code !== undefined && code >= 500) {
        this.status.refused++;
        this.logger.warn(`a ${recipient.role}'s copy of a notice was refused by the mail server (${code})`);
        return { refused: `the mail server answered ${code}` };
      }
      this.status.failures++;
      this.status.lastError = (error as Error).message;
      return 'again';
    }
  }

  /** The items of the notice's components the student missed, oldest first. */
  private async missedItems(notice: NoticeRecorded): Promise<MissedItem[]> {
    const components = notice.streak ? [notice.streak.component] : notice.causes.length > 0 ? notice.causes : Object.keys(notice.components);
    try {
      const record = await this.reader.studentRecord(notice.sectionId, notice.studentId);
      return record.items
        .filter((i) => i.outcome === 'absent' && components.includes(i.kind))
        .map((i) => ({ itemId: i.itemId, component: i.kind, title: i.title, at: i.startsAt ?? i.dueAt }))
        .sort((a, b) => String(a.at).localeCompare(String(b.at)));
    } catch {
      // The student left the section meanwhile: the message goes without the list.
      return [];
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = () => done();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wake;
    });
  }
}
