import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '@bro/auth';
import type { ReferrerView } from '@bro/consent';
import { AppConfig, Clock, fieldProblems, NotFoundError } from '@bro/platform';
import { CreateReferralDto, IntakeResult, IntakeService, ReferralViewsService } from '@bro/referral';
import type { Bundle, BundleEntry, Resource, ServiceRequest, Task } from '@medplum/fhirtypes';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { createHash, createHmac } from 'node:crypto';
import { capabilityStatement } from './capability-statement';
import { FhirError } from './fhir-error';
import { FhirIssue, FhirValidator } from './fhir-validator';
import { FhirRepository } from './fhir.repository';
import { SenderRow } from './fhir.repository';
import { fhirPathOfField, InboundReferral, looksLikeCpr, readReferralBundle } from './referral-in';
import { caseTaskFacts, referrerTaskFacts, SenderEcho, TaskFacts, toServiceRequest, toTask } from './resources-out';
import { broSystems, BroSystems } from './systems';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_COUNT = 100;
const SEARCH_PARAMS = new Set(['_id', 'patient', 'status', 'code', 'requester', 'focus', '_lastUpdated', '_count', '_offset']);
/** Search result parameters a client may send and Bro ignores without harm. */
const HARMLESS_PARAMS = new Set(['_format', '_pretty', '_summary', '_total']);
/**
 * A search link never repeats a value that can name a citizen (a conditional reference
 * with a CPR, a CPR where an id belongs): references (`patient`, `requester`) always, and
 * any other value with a CPR's shape, stand in the links as `hashed:<keyed digest>`,
 * bound to the caller. Followed, such a value matches what the original did.
 */
const HASHED = 'hashed:';
const REFERENCE_PARAMS = new Set(['patient', 'requester']);

/** A read with what goes into ETag and Last-Modified. */
export interface Versioned<T> {
  resource: T;
  etag: string;
  lastModified: string;
}

/**
 * Bro's FHIR R4 face over the services the REST API uses: intake (same validation,
 * same idempotency, same audit) and the case views (same disclosure policy, same
 * audit). Inbound and outbound resources are validated against base R4.
 */
@Injectable()
export class FhirService {
  private readonly logger = new Logger('Fhir');
  private readonly startedAt: string;
  /** The key of the search links' digests: derived from the CPR key, so it is as secret, and never equal to a citizen's keyed hash. */
  private readonly linkKey: Buffer;
  readonly systems: BroSystems;

  constructor(
    private readonly repository: FhirRepository,
    private readonly validator: FhirValidator,
    private readonly intake: IntakeService,
    private readonly views: ReferralViewsService,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.startedAt = clock.now().toISOString();
    this.linkKey = createHmac('sha256', Buffer.from(config.CPR_HMAC_KEY, 'base64')).update('bro fhir search link').digest();
    this.systems = broSystems(config.FHIR_CANONICAL_BASE ?? `${config.PUBLIC_WEB_URL.replace(/\/+$/, '')}/fhir`);
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
    const inbound = readReferralBundle(bundle, this.systems, this.clock.now());

    const dto = plainToInstance(CreateReferralDto, inbound.dto);
    const problems: FhirIssue[] = fieldProblems(
      await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
    ).map((p) => ({ severity: 'error', code: 'value', diagnostics: p.problems.join('; '), expression: [fhirPathOfField(p.field)] }));
    if (problems.length) throw new FhirError(422, problems);

    const key = inbound.identifier ? `fhir:${createHash('sha256').update(inbound.identifier).digest('hex')}` : undefined;
    const result = await this.intake.submit(actor, dto, key);
    // What the sender said about its own referral, echoed back; a repeat keeps the first.
    if (inbound.sender) {
      await this.repository.saveSender(result.id, { userId: actor.userId, organisation: actor.organisation ?? null }, inbound.sender);
    }
    return this.checked(transactionResponse(result, inbound.entries));
  }

  async task(actor: Actor, id: string): Promise<Task> {
    return this.checked(toTask(await this.facts(actor, id), this.systems));
  }

  async serviceRequest(actor: Actor, id: string): Promise<ServiceRequest> {
    return this.checked(toServiceRequest(await this.facts(actor, id), this.systems));
  }

  /** A read with its version: `meta.versionId` (the disclosed last change, in ms), for ETag and Last-Modified. */
  async versioned<T extends Task | ServiceRequest>(read: Promise<T>): Promise<Versioned<T>> {
    const resource = await read;
    return { resource, etag: `W/"${resource.meta!.versionId}"`, lastModified: new Date(resource.meta!.lastUpdated!).toUTCString() };
  }

  /**
   * `GET /fhir/Task?…`: `_id`, `patient`, `status`, `code`, `requester`, `focus`,
   * `_lastUpdated` (gt|ge|lt|le|eq), `_count` and `_offset` (the `next` link), oldest
   * change first. Unknown parameters are ignored unless the client asks for
   * `Prefer: handling=strict`; those that were used are in the `self` link — references
   * and CPR-shaped values only hashed (HASHED), so a link never repeats a CPR.
   */
  async searchTasks(actor: Actor, query: Record<string, unknown>, selfUrl: string, prefer?: string): Promise<Bundle> {
    const strict = /(^|[,;\s])handling\s*=\s*strict\b/i.test(prefer ?? '');
    const used: [string, string][] = [];
    for (const [name, raw] of Object.entries(query)) {
      const base = name.split(':')[0];
      if (SEARCH_PARAMS.has(base) && !name.includes(':')) {
        for (const v of Array.isArray(raw) ? raw : [raw]) used.push([name, String(v)]);
      } else if (strict && !HARMLESS_PARAMS.has(name)) {
        // The name is echoed only when it looks like a parameter name (never a number a client misplaced).
        const shown = /^[A-Za-z_][A-Za-z0-9_:.-]{0,39}$/.test(name) && !looksLikeCpr(name) ? name : 'parameter';
        throw FhirError.of(400, 'not-supported', `Unsupported search parameter ${shown}`, shown);
      }
    }
    const values = (name: string) => used.filter(([n]) => n === name).map(([, v]) => v);
    const single = (name: string) => {
      const v = values(name);
      if (v.length > 1) throw FhirError.of(400, 'value', `${name} may be given once`, name);
      return v[0];
    };
    const count = parseCount(single('_count'));
    const offset = parseOffset(single('_offset'));
    const bounds = values('_lastUpdated').map(parseLastUpdated);
    const ids = values('_id').flatMap((v) => v.split(','));
    const focus = values('focus').map((v) => {
      const match = /^(?:ServiceRequest\/)?([^/]+)$/.exec(v);
      if (!match) throw FhirError.of(400, 'value', 'focus must be ServiceRequest/<id>', 'focus');
      return match[1];
    });
    const statuses = values('status').map((v) => new Set(v.split(',')));
    const codes = values('code').map((v) => v.split(',').map(parseToken));
    const patients = values('patient').map((v) => v.split(','));
    const requesters = values('requester').map((v) => v.split(','));

    // Candidates: the named ids, or the municipality's referrals changed since the lowest bound (a narrowing pre-filter only).
    let candidates: string[];
    if (ids.length || focus.length) {
      const named = [ids, focus].filter((l) => l.length).map((l) => new Set(l.filter((id) => UUID.test(id))));
      candidates = [...named[0]].filter((id) => named.every((set) => set.has(id)));
    } else {
      const lower = bounds.filter((b) => b.op === 'gt' || b.op === 'ge' || b.op === 'eq').map((b) => b.at.getTime());
      candidates = await this.changedSince(actor, new Date(lower.length ? Math.max(...lower) : 0));
    }

    const matches: Task[] = [];
    for (const id of candidates) {
      const [task] = await this.found(() => this.task(actor, id));
      if (!task) continue;
      const changed = new Date(task.meta!.lastUpdated!).getTime();
      if (!bounds.every((b) => compare(changed, b))) continue;
      if (!statuses.every((set) => set.has(task.status))) continue;
      if (
        !codes.every((any) =>
          any.some((t) => (task.code?.coding ?? []).some((c) => c.code === t.code && (t.system === undefined || c.system === t.system))),
        )
      )
        continue;
      if (!patients.every((any) => any.some((p) => this.refMatches(actor, 'patient', task.for?.reference, p, 'Patient')))) continue;
      if (!requesters.every((any) => any.some((p) => this.refMatches(actor, 'requester', task.requester?.reference, p)))) continue;
      matches.push(task);
    }
    matches.sort((a, b) => a.meta!.lastUpdated!.localeCompare(b.meta!.lastUpdated!) || a.id!.localeCompare(b.id!));
    const page = matches.slice(offset, offset + count);
    const path = selfUrl.split('?')[0];
    const link = (off: number) => {
      const params = new URLSearchParams(
        used.filter(([n]) => n !== '_offset' && n !== '_count').map(([n, v]): [string, string] => [n, this.linkValue(actor, n, v)]),
      );
      params.set('_count', String(count));
      if (off > 0) params.set('_offset', String(off));
      return `${path}?${params.toString()}`;
    };
    return this.checked({
      resourceType: 'Bundle',
      type: 'searchset',
      total: matches.length,
      link: [
        { relation: 'self', url: link(offset) },
        ...(offset + count < matches.length ? [{ relation: 'next', url: link(offset + count) }] : []),
        ...(offset > 0 ? [{ relation: 'previous', url: link(Math.max(0, offset - count)) }] : []),
      ],
      entry: page.map((t) => ({ fullUrl: `Task/${t.id}`, resource: t, search: { mode: 'match' } })),
    });
  }

  /** A search value as a link may carry it: hashed when it is a reference or has a CPR's shape (see HASHED). */
  private linkValue(actor: Actor, name: string, value: string): string {
    return value
      .split(',')
      .map((v) => (!v.startsWith(HASHED) && (REFERENCE_PARAMS.has(name) || looksLikeCpr(v)) ? this.hashed(actor, name, v) : v))
      .join(',');
  }

  private hashed(actor: Actor, name: string, value: string): string {
    const digest = createHmac('sha256', this.linkKey)
      .update(`${actor.municipalityId}\n${actor.userId}\n${name}\n${value}`)
      .digest('base64url');
    return `${HASHED}${digest}`;
  }

  /** `refMatches`, also for a value a link carries hashed: the reference, or the id after `type/`, hashed alike. */
  private refMatches(actor: Actor, name: string, reference: string | undefined, wanted: string, type?: string): boolean {
    if (!wanted.startsWith(HASHED)) return refMatches(reference, wanted, type);
    if (!reference) return false;
    const forms = [reference, ...(type !== undefined && reference.startsWith(`${type}/`) ? [reference.slice(type.length + 1)] : [])];
    return forms.some((f) => this.hashed(actor, name, f) === wanted);
  }

  private async changedSince(actor: Actor, since: Date): Promise<string[]> {
    // A narrowing pre-filter only: the disclosure policy still decides each case, and a
    // referrer's Task changes only when something disclosed to them changes.
    const referrer = actor.role === 'referrer' ? { userId: actor.userId, organisation: actor.organisation } : undefined;
    // updated_at is at or after every disclosed change, so it bounds the candidates; a
    // referral linked to a case (ADR 0014) changes with that case.
    return this.repository.changedSince(actor.municipalityId, since, referrer);
  }

  private async facts(actor: Actor, id: string): Promise<TaskFacts> {
    if (!UUID.test(id)) throw new NotFoundError('Task not found');
    const view = await this.views.get(actor, id); // the disclosure policy and the audit row
    const owner = await this.owner(actor.municipalityId);
    const rows = await this.repository.senders(id);
    if (isReferrerView(view)) {
      // A referrer sees what their own clinic sent, not what another clinic's system said.
      const own = rows.filter(
        (r) => r.sender_id === actor.userId || (!!actor.organisation && r.sender_organisation === actor.organisation),
      );
      return referrerTaskFacts(view, owner, this.systems, senderEcho(own));
    }
    const summary = 'summary' in view && view.summary && view.summaryApprovedByCitizen ? view.summary : undefined;
    return caseTaskFacts(view, summary, owner, this.systems, senderEcho(rows));
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

function senderEcho(rows: SenderRow[]): SenderEcho | undefined {
  if (!rows.length) return undefined;
  const first = rows[0];
  return {
    identifiers: rows.map((r) => ({ ...(r.identifier_system ? { system: r.identifier_system } : {}), value: r.identifier_value })),
    ...(first.requester_reference || first.requester_display
      ? {
          requester: {
            ...(first.requester_reference ? { reference: first.requester_reference } : {}),
            ...(first.requester_display ? { display: first.requester_display } : {}),
          },
        }
      : {}),
    ...(first.subject_reference ? { subject: first.subject_reference } : {}),
  };
}

function refMatches(reference: string | undefined, wanted: string, type?: string): boolean {
  if (!reference) return false;
  return reference === wanted || (type !== undefined && reference === `${type}/${wanted}`);
}

function parseToken(v: string): { system?: string; code: string } {
  const bar = v.indexOf('|');
  return bar < 0 ? { code: v } : { ...(bar > 0 ? { system: v.slice(0, bar) } : {}), code: v.slice(bar + 1) };
}

function compare(at: number, b: { op: string; at: Date; end: Date }): boolean {
  switch (b.op) {
    case 'gt':
      return at > b.end.getTime();
    case 'ge':
      return at >= b.at.getTime();
    case 'lt':
      return at < b.at.getTime();
    case 'le':
      return at <= b.end.getTime();
    default:
      return at >= b.at.getTime() && at <= b.end.getTime();
  }
}

function isReferrerView(view: object): view is ReferrerView {
  return 'milestones' in view;
}

/**
 * One response entry per request entry, in order (FHIR transaction rules). The
 * ServiceRequest became the case: `201 Created` with its location (`200 OK` when the
 * citizen's open case took it, ADR 0014), and its Task has the same id. The Patient
 * and the Consent were read into the case and are not kept as resources of their
 * own, so they get `200 OK` and no location.
 */
function transactionResponse(result: IntakeResult, entries: InboundReferral['entries']): Bundle {
  const entry: BundleEntry[] = Array.from({ length: entries.count }, (_, i) =>
    i === entries.serviceRequest
      ? {
          response: {
            status: result.linked ? '200 OK' : '201 Created',
            location: `ServiceRequest/${result.id}`,
            etag: 'W/"1"',
            lastModified: result.createdAt,
          },
        }
      : {
          response: {
            status: '200 OK',
            outcome: {
              resourceType: 'OperationOutcome',
              issue: [
                {
                  severity: 'information',
                  code: 'informational',
                  diagnostics: `Read into the referral; not kept as a resource of its own. The closed-loop Task is Task/${result.id}`,
                },
              ],
            },
          },
        },
  );
  return { resourceType: 'Bundle', type: 'transaction-response', entry };
}

function parseCount(raw: string | undefined): number {
  if (raw === undefined) return 50;
  const n = /^[0-9]{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= MAX_COUNT)) throw FhirError.of(400, 'value', `_count must be 1–${MAX_COUNT}`, '_count');
  return n;
}

function parseOffset(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = /^[0-9]{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 0 && n <= 1000)) throw FhirError.of(400, 'value', '_offset must be 0–1000', '_offset');
  return n;
}

/** `[gt|ge|lt|le|eq]<date or instant>`; a date or an instant without seconds covers its whole span. */
function parseLastUpdated(raw: string): { op: string; at: Date; end: Date } {
  // An unencoded '+' of a time zone arrives as a space.
  const value = raw.replace(' ', '+');
  const match = /^(gt|ge|lt|le|eq)?(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/.exec(value);
  const at = match ? new Date(match[3] ? `${match[2]}${match[3]}` : `${match[2]}T00:00:00Z`) : null;
  if (!match || !at || Number.isNaN(at.getTime()) || at.getUTCFullYear() < 1900 || at.getUTCFullYear() > 2200) {
    throw FhirError.of(400, 'value', '_lastUpdated must be [gt|ge|lt|le|eq]<instant>, e.g. gt2026-11-20T10:00:00Z', '_lastUpdated');
  }
  const span = !match[3] ? 86_400_000 : !match[4] ? 60_000 : !match[5] ? 1000 : 1;
  return { op: match[1] ?? 'eq', at, end: new Date(at.getTime() + span - 1) };
}
