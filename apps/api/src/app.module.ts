import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { Clock, EventStore } from '@attendance/event-store';
import { AuthGuard } from './auth/auth.guard';
import { TokenRegistry } from './auth/token-registry';
import { TokensController } from './auth/tokens.controller';
import { OidcSignIn } from './auth/sign-in/oidc-sign-in';
import { Sessions } from './auth/sign-in/sessions';
import { SignInController } from './auth/sign-in/sign-in.controller';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG, CLOCK, EVENT_STORE } from './config/tokens';
import { FactsController } from './facts/facts.controller';
import { RecordFactsHandler } from './facts/record-facts.handler';
import { HealthController } from './health/health.controller';
import { NoticeIssuer } from './notices/notice-issuer';
import { ConsumerHealth } from './operations/consumer-health';
import { MetricsController } from './operations/metrics.controller';
import { ServiceMetrics } from './operations/metrics';
import { ScrapeTimeGauges } from './operations/scrape-time-gauges';
import { SideEffectsLease } from './operations/side-effects-lease';
import { OutboundController } from './outbound/outbound.controller';
import { IdentitiesController } from './platforms/identities.controller';
import { ImportsController } from './platforms/imports.controller';
import { LmsWebhooksController } from './platforms/lms-webhooks.controller';
import { MeetingWebhooksController } from './platforms/meeting-webhooks.controller';
import { ActivitiesController } from './lrs/activities.controller';
import { PoliciesController } from './policies/policies.controller';
import { WhatIf } from './policies/what-if';
import { MailSettings } from './mail/mail-settings';
import { MailSettingsController } from './mail/mail-settings.controller';
import { NoticeMailer } from './mail/notice-mailer';
import { NoticeRecipients } from './mail/notice-recipients';
import { XapiAboutController } from './lrs/about.controller';
import { XapiAgentsController } from './lrs/agents.controller';
import { DocumentRequests } from './lrs/documents/document-requests';
import { XapiActivityProfileController, XapiAgentProfileController, XapiStateController } from './lrs/documents/documents.controller';
import { ScopeDocuments } from './lrs/documents/scope-documents';
import { LrsAccess } from './lrs/lrs-access';
import { AttachmentReader } from './lrs/statements/attachment-reader';
import { StatementWriter } from './lrs/statements/statement-writer';
import { StatementsController } from './lrs/statements/statements.controller';
import { WebController } from './web/web.controller';
import { PlatformIngest } from './platforms/platform-ingest';
import { loadPlatformSecrets } from './platforms/platform-secrets';
import { PLATFORM_SECRETS } from './platforms/platform-secrets.token';
import { WebhookDispatcher } from './outbound/webhook-dispatcher';
import { AttendanceReader } from './projection/attendance-reader';
import { AttendanceProjection } from './projection/attendance.projection';
import { AuditTrail } from './reads/audit-trail';
import { ReadsController } from './reads/reads.controller';
import { TermListsController } from './reads/term-lists.controller';
import { ContactHoursController } from './reads/contact-hours.controller';
import { SkippedEvents } from './store/skipped-events';
import { SkippedEventsController } from './reads/skipped-events.controller';
import { ChangeSectionHandler } from './sections/change-section.handler';
import { SectionRepository } from './sections/section-repository';
import { SectionsController } from './sections/sections.controller';
import { TermFinalizationController } from './sections/term-finalization.controller';
import { DocumentVault } from './excuses/document-vault';
import { ExcuseDocumentsController } from './excuses/excuse-documents.controller';
import { ExcuseRequestViews } from './excuses/excuse-request-views';
import { ExcuseRequestsController } from './excuses/excuse-requests.controller';

/** Closes the event store last, after the projection has stopped reading it. */
class StoreCloser implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

@Module({})
export class AppModule {
  static with(config: AppConfig, store: EventStore, clock: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [CqrsModule.forRoot()],
      controllers: [HealthController, TokensController, SignInController, SectionsController, FactsController, ReadsController, OutboundController, IdentitiesController, ImportsController, MeetingWebhooksController, LmsWebhooksController, StatementsController, ActivitiesController, XapiStateController, XapiActivityProfileController, XapiAgentProfileController, XapiAgentsController, XapiAboutController, WebController, SkippedEventsController, MetricsController, MailSettingsController, PoliciesController, TermListsController, TermFinalizationController, ContactHoursController, ExcuseRequestsController, ExcuseDocumentsController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: EVENT_STORE, useValue: store },
        { provide: CLOCK, useValue: clock },
        { provide: PLATFORM_SECRETS, useValue: loadPlatformSecrets(config.env) },
        { provide: APP_GUARD, useClass: AuthGuard },
        StoreCloser,
        SkippedEvents,
        TokenRegistry,
        Sessions,
        OidcSignIn,
        SectionRepository,
        AttendanceProjection,
        AttendanceReader,
        AuditTrail,
        ChangeSectionHandler,
        RecordFactsHandler,
        SideEffectsLease,
        NoticeIssuer,
        WebhookDispatcher,
        MailSettings,
        WhatIf,
        NoticeRecipients,
        NoticeMailer,
        PlatformIngest,
        LrsAccess,
        ScopeDocuments,
        DocumentRequests,
        StatementWriter,
        AttachmentReader,
        ServiceMetrics,
        ConsumerHealth,
        ScrapeTimeGauges,
        DocumentVault,
        ExcuseRequestViews,
      ],
    };
  }
}
