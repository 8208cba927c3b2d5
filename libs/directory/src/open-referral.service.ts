import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@bro/platform';
import { createHash } from 'node:crypto';
import { DirectoryRepository, type OfferRow } from './directory.repository';

/** An Open Referral UK page (HSDS 3.0 API): `?page=&per_page=`. */
export interface OrukPage<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export interface OrukQuery {
  page: number;
  perPage: number;
  /** The official municipality code; without it, every municipality's offers. */
  municipality?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The public Open Referral UK feed of the directory (HSDS 3.0 profile): services
 * (offers) and organisations (organisations with a published offer). Directory data
 * only — the queries touch no table that holds anything about citizens.
 */
@Injectable()
export class OpenReferralService {
  constructor(private readonly directory: DirectoryRepository) {}

  async services(q: OrukQuery): Promise<OrukPage<ReturnType<typeof toService>>> {
    const { rows, total } = await this.directory.publishedOffers(q.municipality, q.perPage, (q.page - 1) * q.perPage);
    return page(rows.map(toService), total, q);
  }

  async service(id: string) {
    const row = await this.directory.publishedOffer(id);
    if (!row) throw new NotFoundError('Service not found');
    return toService(row);
  }

  async organizations(q: OrukQuery): Promise<OrukPage<ReturnType<typeof toOrganization>>> {
    const { rows, total } = await this.directory.publishingOrganisations(q.municipality, q.perPage, (q.page - 1) * q.perPage);
    return page(
      rows.map((r) =>
        toOrganization({ org_id: r.id, org_name: r.name, org_description: r.description, org_url: r.url, org_email: r.email }),
      ),
      total,
      q,
    );
  }
}

function page<T>(contents: T[], total: number, q: OrukQuery): OrukPage<T> {
  const totalPages = Math.max(1, Math.ceil(total / q.perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: q.page,
    size: q.perPage,
    first_page: q.page === 1,
    last_page: q.page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

/** Stable ids for the parts Open Referral models as objects of their own (location, address, schedule). */
function derivedId(id: string, part: string): string {
  const h = createHash('sha1').update(`${id}:${part}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function toOrganization(r: Pick<OfferRow, 'org_id' | 'org_name' | 'org_description' | 'org_url' | 'org_email'>) {
  return {
    id: r.org_id,
    name: r.org_name,
    description: r.org_description ?? '',
    ...(r.org_email && EMAIL.test(r.org_email) ? { email: r.org_email } : {}),
    ...(r.org_url && /^https?:\/\//.test(r.org_url) ? { website: r.org_url } : {}),
  };
}

function toService(r: OfferRow) {
  const loc = r.location;
  return {
    id: r.id,
    organization_id: r.org_id,
    name: r.name,
    description: r.description,
    ...(r.contact?.email && EMAIL.test(r.contact.email) ? { email: r.contact.email } : {}),
    status: 'active',
    assured_date: r.last_verified_at.toISOString().slice(0, 10),
    last_modified: r.updated_at.toISOString(),
    organization: toOrganization(r),
    ...(r.schedule ? { schedules: [{ id: derivedId(r.id, 'schedule'), service_id: r.id, description: r.schedule }] } : {}),
    ...(loc && (loc.street || loc.city || loc.name)
      ? {
          service_at_locations: [
            {
              id: derivedId(r.id, 'service_at_location'),
              service_id: r.id,
              location_id: derivedId(r.id, 'location'),
              location: {
                id: derivedId(r.id, 'location'),
                location_type: 'physical',
                ...(loc.name ? { name: loc.name } : {}),
                addresses: [
                  {
                    id: derivedId(r.id, 'address'),
                    location_id: derivedId(r.id, 'location'),
                    address_1: loc.street ?? '',
                    city: loc.city ?? '',
                    state_province: '',
                    postal_code: loc.postcode ?? '',
                    country: 'DK',
                    address_type: 'physical',
                  },
                ],
              },
            },
          ],
        }
      : {}),
    ...(r.contact?.name ? { contacts: [{ id: derivedId(r.id, 'contact'), service_id: r.id, name: r.contact.name }] } : {}),
  };
}
