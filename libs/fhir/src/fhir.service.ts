import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '@bro/auth';
import type { ReferrerView } from '@bro/consent';
import { Clock, fieldProblems, NotFoundError } from '@bro/platform';
import { CreateReferralDto, IntakeResult, IntakeService, ReferralViewsService } from '@bro/referral';
import type { Bundle, BundleEntry, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash } from 'node:crypto';
import { capabilityStatement } from './capability-statement';
import { FhirError } from './fhir-error';
import { FhirIssue, FhirValidator } from './fhir-validator';
import { FhirRepository } from './fhir.repository';
import { fhirPathOfField, readReferralBundle } from './referral-in';
import { caseTaskFacts, referrerTaskFacts, TaskFacts, toServiceRequest, toTask } from './resources-out';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_COUNT = 100;
const SEARCH_PARAMS = new Set(['focus', '_lastUpdated', '_count']);

/**
 * Bro's FHIR R4 face over the services the REST API uses: intake (same validation,
 * same idempotency, same audit) and the case views (same disclosure policy, same
 * audit). Inbound and outbound resources are validated against base R4.
 */
@Injectable()
export class FhirService {
  private readonly logger = new Logger('Fhir');
  private readonly startedAt: string;

  constructor(
    private readonly repository: FhirRepository,
    private readonly validator: FhirValidator,
    private readonly intake: IntakeService,
    private readonly views: ReferralViewsService,
    clock: Clock,
  ) {
    this.startedAt = clock.now().toISOString();
  }

  capabilities() {
    return this.checked(capabilityStatement(this.startedAt));
  }

  /** `POST /fhir` with a transaction Bundle: the referral into intake; a seen ServiceRequest.identifier is answered again. */
  async submit(actor: Actor, body: unknown): Promise<Bundle> {
    if (typeof body !== 'object' || body === null || (body as { resourceType?: unknown }).resourceType !== 'Bundle') {
      throw FhirError.of(400, 'structure', 'Send a FHIR Bundle (resourceType Bundle) of type transaction', 'Bundle');
    }
    const bundle = body as Bundle;
    const issues = this.validator.validate(bundle);
    if (issues.length) throw new FhirError(400, issues);
    const inbound = readReferralBundle(bundle);

    const dto = plainToInstance(CreateReferralDto, inbound.dto);
    const problems: FhirIssue[] = fieldProblems(
      await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
    ).map((p) => ({ severity: 'error', code: 'value', diagnostics: p.problems.join('; '), expression: [fhirPathOfField(p.field)] }));
    if (problems.length) throw new FhirError(422, problems);

    const key = inbound.identifier ? `fhir:${createHash('sha256').update(inbound.identifier).digest('hex')}` : undefined;
    const result = await this.intake.submit(actor, dto, key);
    return this.checked(transactionResponse(result, inbound.entries));
  }

  async task(actor: Actor, id: string): Promise<Task> {
    return this.checked(toTask(await this.facts(actor, id)));
  }

  async serviceRequest(actor: Actor, id: string): Promise<ServiceRequest> {
    return this.checked(toServiceRequest(await this.facts(actor, id)));
  }

  /** `GET /fhir/Task?focus=ServiceRequest/:id` or `?_lastUpdated=gt…` (polling, oldest change first). */
  async searchTasks(actor: Actor, query: Record<string, unknown>, selfUrl: string): Promise<Bundle> {
    for (const name of Object.keys(query)) {
      if (!SEARCH_PARAMS.has(name)) throw FhirError.of(400, 'not-supported', `Unsupported search parameter ${name}`, name);
    }
    const count = parseCount(query._count);
    let tasks: Task[];
    if (query.focus !== undefined) {
      const match = typeof query.focus === 'string' ? /^ServiceRequest\/(.+)$/.exec(query.focus) : null;
      if (!match) throw FhirError.of(400, 'value', 'focus must be ServiceRequest/<id>', 'focus');
      tasks = UUID.test(match[1]) ? await this.found(() => this.task(actor, match[1])) : [];
    } else {
      tasks = await this.changedSince(actor, parseLastUpdated(query._lastUpdated), count);
    }
    return this.checked({
      resourceType: 'Bundle',
      type: 'searchset',
      total: tasks.length,
      link: [{ relation: 'self', url: selfUrl }],
      entry: tasks.map((t) => ({ fullUrl: `Task/${t.id}`, resource: t, search: { mode: 'match' } })),
    });
  }

  private async changedSince(actor: Actor, since: { at: Date; inclusive: boolean }, count: number): Promise<Task[]> {
    // A narrowing pre-filter only: the disclosure policy still decides each case.
    const referrer = actor.role === 'referrer' ? { userId: actor.userId, organisation: actor.organisation } : undefined;
    // updated_at is at or after every disclosed change, so it bounds the candidates; a
    // referral linked to a case (ADR 0014) changes with that case.
    const ids = await this.repository.changedSince(actor.municipalityId, since.at, referrer);
    const tasks: Task[] = [];
    for (const id of ids) {
      if (tasks.length >= count) break;
      const [task] = await this.found(() => this.task(actor, id));
      // A referrer's Task changes only when something disclosed to them changes.
      if (!task) continue;
      const changed = new Date(task.meta!.lastUpdated!).getTime();
      if (since.inclusive ? changed >= since.at.getTime() : changed > since.at.getTime()) tasks.push(task);
    }
    return tasks.sort((a, b) => a.meta!.lastUpdated!.localeCompare(b.meta!.lastUpdated!));
  }

  private async facts(actor: Actor, id: string): Promise<TaskFacts> {
    if (!UUID.test(id)) throw new NotFoundError('Task not found');
    const view = await this.views.get(actor, id); // the disclosure policy and the audit row
    const owner = await this.owner(actor.municipalityId);
    if (isReferrerView(view)) return referrerTaskFacts(view, owner);
    const summary = view.summary && view.summaryApprovedByCitizen ? view.summary : undefined;
    return caseTaskFacts(view, summary, owner);
  }

  private async owner(municipalityId: string): Promise<TaskFacts['owner']> {
    return this.repository.municipality(municipalityId);
  }

  private async found<T>(read: () => Promise<T>): Promise<T[]> {
    try {
      return [await read()];
    } catch (err) {
      if (err instanceof NotFoundError) return [];
      throw err;
    }
  }

  /** Bro emits only resources that validate; a failure here is a bug, reported as a 500 without values. */
  private checked<T extends Resource>(resource: T): T {
    const issues = this.validator.validate(resource);
    if (issues.length) {
      this.logger.error(
        // Paths and issue codes only: a validator's diagnostics may quote the value (a summary is free text).
        { resourceType: resource.resourceType, issues: issues.map((i) => `${i.expression.join(',')}: ${i.code}`) },
        'invalid FHIR output',
      );
      throw FhirError.of(500, 'exception', 'Bro produced an invalid resource; it has been logged');
    }
    return resource;
  }
}

function isReferrerView(view: object): view is ReferrerView {
  return 'milestones' in view;
}

function transactionResponse(result: IntakeResult, entries: { serviceRequest: number; count: number }): Bundle {
  const status = result.linked ? '200 OK' : '201 Created';
  const entry: BundleEntry[] = Array.from({ length: entries.count }, (_, i) =>
    i === entries.serviceRequest
      ? { response: { status, location: `ServiceRequest/${result.id}`, lastModified: result.createdAt } }
      : { response: { status } },
  );
  entry.push({ response: { status, location: `Task/${result.id}`, lastModified: result.createdAt } });
  return { resourceType: 'Bundle', type: 'transaction-response', entry };
}

function parseCount(raw: unknown): number {
  if (raw === undefined) return 50;
  const n = typeof raw === 'string' && /^[0-9]{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_COUNT)) throw FhirError.of(400, 'value', `_count must be 1–${MAX_COUNT}`, '_count');
  return n;
}

function parseLastUpdated(raw: unknown): { at: Date; inclusive: boolean } {
  if (raw === undefined) return { at: new Date(0), inclusive: true };
  // An unencoded '+' of a time zone arrives as a space.
  const value = typeof raw === 'string' ? raw.replace(' ', '+') : raw;
  const match = typeof value === 'string' ? /^(gt|ge)(\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?)$/.exec(value) : null;
  const at = match ? new Date(match[2]) : null;
  if (!match || !at || Number.isNaN(at.getTime())) {
    throw FhirError.of(400, 'value', '_lastUpdated must be gt<instant> or ge<instant>, e.g. gt2026-11-20T10:00:00Z', '_lastUpdated');
  }
  return { at, inclusive: match[1] === 'ge' };
}
