import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@bro/platform';
import { createHash } from 'node:crypto';
import { DirectoryRepository, type OfferRow } from './directory.repository';
import { OFFER_CATEGORIES } from '@bro/case-kernel';

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

/** The HSDS 3.0 filters of `/services`. */
export interface OrukServiceQuery extends OrukQuery {
  search?: string;
  modifiedAfter?: Date;
  organizationId?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
}

/** What `GET /openreferral/` answers: the HSDS version and profile the feed implements (the ORUK validator reads it first). */
export const ORUK_API_INFO = {
  version: 'HSDS-UK-3.0',
  profile: 'https://openreferraluk.org/developers/specifications',
  openapi_url: 'https://openreferraluk.org/specifications/3.0/openapi.json',
} as const;

/** Bro's offer categories, published as one taxonomy whose terms have stable name-based ids. */
const CATEGORY_NAMES: Record<(typeof OFFER_CATEGORIES)[number], string> = {
  community: 'Fællesskab',
  exercise: 'Motion og bevægelse',
  open_meeting_place: 'Åbent mødested',
  dementia_cafe: 'Demenscafé',
  volunteer_group: 'Frivilliggruppe',
  companion: 'Følgeven',
  creative: 'Kreative aktiviteter',
  learning: 'Læring og kurser',
  nature: 'Natur og udeliv',
  other: 'Andet',
};
const TAXONOMY_ID = derivedId('bro', 'offer-category-taxonomy');
const TAXONOMY_NAME = 'Bro tilbudskategorier';
const TAXONOMY_DESCRIPTION = 'Kategorierne for tilbud i Bros tilbudskatalog (social henvisning)';

function taxonomyTerm(category: string) {
  const name = CATEGORY_NAMES[category as keyof typeof CATEGORY_NAMES] ?? category;
  return {
    id: derivedId('bro', `offer-category:${category}`),
    name,
    description: `Tilbud i kategorien ${name.toLowerCase()}`,
    taxonomy: TAXONOMY_NAME,
    taxonomy_id: TAXONOMY_ID,
    term: category,
  };
}

const TERMS = OFFER_CATEGORIES.map((c) => ({ category: c, term: taxonomyTerm(c) }));

function taxonomy(withTerms: boolean) {
  return {
    id: TAXONOMY_ID,
    name: TAXONOMY_NAME,
    description: TAXONOMY_DESCRIPTION,
    version: '1',
    ...(withTerms ? { taxonomy_terms: TERMS.map((t) => t.term) } : {}),
  };
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

  info() {
    return ORUK_API_INFO;
  }

  async services(q: OrukServiceQuery): Promise<OrukPage<ReturnType<typeof toService>>> {
    let category: string | undefined;
    if (q.taxonomyTermId) {
      category = TERMS.find((t) => t.term.id === q.taxonomyTermId)?.category;
      if (!category) return page([], 0, q); // a term of no taxonomy Bro publishes
    }
    if (q.taxonomyId && q.taxonomyId !== TAXONOMY_ID) return page([], 0, q);
    const { rows, total } = await this.directory.publishedOffers(
      {
        municipalityCode: q.municipality,
        search: q.search,
        modifiedAfter: q.modifiedAfter,
        organisationId: q.organizationId,
        category,
      },
      q.perPage,
      (q.page - 1) * q.perPage,
    );
    return page(rows.map(toService), total, q);
  }

  /** An organisation with a published offer, with its services (id and name, as HSDS 3.0 nests them). */
  async organization(id: string) {
    const found = await this.directory.publishingOrganisation(id);
    if (!found) throw new NotFoundError('Organization not found');
    const { org, offers } = found;
    return {
      ...toOrganization({ org_id: org.id, org_name: org.name, org_description: org.description, org_url: org.url, org_email: org.email }),
      services: offers.map((o) => ({ id: o.id, organization_id: org.id, name: o.name, status: 'active' })),
    };
  }

  taxonomies(q: OrukQuery) {
    return page([taxonomy(false)].slice((q.page - 1) * q.perPage, q.page * q.perPage), 1, q);
  }

  taxonomy(id: string) {
    if (id !== TAXONOMY_ID) throw new NotFoundError('Taxonomy not found');
    return taxonomy(true);
  }

  taxonomyTerms(q: OrukQuery & { taxonomyId?: string }) {
    const terms = q.taxonomyId && q.taxonomyId !== TAXONOMY_ID ? [] : TERMS.map((t) => t.term);
    return page(terms.slice((q.page - 1) * q.perPage, q.page * q.perPage), terms.length, q);
  }

  taxonomyTerm(id: string) {
    const found = TERMS.find((t) => t.term.id === id);
    if (!found) throw new NotFoundError('Taxonomy term not found');
    return found.term;
  }

  async service(id: string) {
    const row = await this.directory.publishedOffer(id);
    if (!row) throw new NotFoundError('Service not found');
    return toService(row);
  }

  async organizations(q: OrukQuery): Promise<OrukPage<ReturnType<typeof toOrganization>>> {
    // (HSDS 3.0 `/organizations`)
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
    size: contents.length,
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
    // Required by HSDS; an organisation that wrote none is described by what it publishes.
    description: r.org_description || `${r.org_name} – tilbud i Bros tilbudskatalog`,
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
    ...(r.description ? { description: r.description } : {}),
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
                // HSDS requires every part of an address: one is published only when Bro has them all.
                ...(loc.street && loc.city && loc.postcode
                  ? {
                      addresses: [
                        {
                          id: derivedId(r.id, 'address'),
                          location_id: derivedId(r.id, 'location'),
                          address_1: loc.street,
                          city: loc.city,
                          // The administrative area: the municipality (Denmark has no states or provinces).
                          state_province: r.municipality_name,
                          postal_code: loc.postcode,
                          country: 'DK',
                          address_type: 'physical',
                        },
                      ],
                    }
                  : {}),
              },
            },
          ],
        }
      : {}),
    ...(r.contact?.name || r.contact?.phone ? { contacts: [toContact(r)] } : {}),
    // The offer's category as a term of Bro's taxonomy (GET /openreferral/taxonomy_terms).
    attributes: [
      {
        id: derivedId(r.id, `attribute:${r.category}`),
        link_id: r.id,
        link_type: 'service',
        taxonomy_term_id: taxonomyTerm(r.category).id,
        taxonomy_term: taxonomyTerm(r.category),
      },
    ],
  };
}

/** The offer's contact person and phone (HSDS 3.0 contact with its phones). */
function toContact(r: OfferRow) {
  const contactId = derivedId(r.id, 'contact');
  const phone = r.contact?.phone?.trim();
  return {
    id: contactId,
    service_id: r.id,
    ...(r.contact?.name ? { name: r.contact.name } : {}),
    ...(phone ? { phones: [{ id: derivedId(r.id, 'contact-phone'), contact_id: contactId, number: phone }] } : {}),
  };
}
