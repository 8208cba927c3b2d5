import type { CodeSystem, CodeSystemConcept, ValueSet } from '@medplum/fhirtypes';

/**
 * The value sets of base FHIR R4, expanded on demand from the definitions' own
 * ValueSet and CodeSystem resources, for the required-binding check the structural
 * validator leaves out. A value set that cannot be expanded offline (filters,
 * external code systems such as SNOMED CT or BCP 13) is reported as unknown and
 * not checked.
 */
export class Terminology {
  private readonly valueSets = new Map<string, ValueSet>();
  private readonly codeSystems = new Map<string, CodeSystem>();
  private readonly expansions = new Map<string, Expansion | null>();

  add(resources: readonly (ValueSet | CodeSystem)[]): void {
    for (const r of resources) {
      if (!r.url) continue;
      if (r.resourceType === 'ValueSet') this.valueSets.set(r.url, r);
      else this.codeSystems.set(r.url, r);
    }
  }

  /** The codes of a value set (`url` may carry a `|version`), or null when it cannot be expanded here. */
  expand(url: string): Expansion | null {
    const bare = url.split('|')[0];
    if (!this.expansions.has(bare)) {
      this.expansions.set(bare, null); // guards against value sets that include themselves
      this.expansions.set(bare, this.compute(bare));
    }
    return this.expansions.get(bare) ?? null;
  }

  private compute(url: string): Expansion | null {
    const vs = this.valueSets.get(url);
    if (!vs?.compose?.include?.length) return null;
    const out: Expansion = { codes: new Set(), systemCodes: new Set() };
    for (const include of vs.compose.include) {
      if (include.filter?.length) return null;
      for (const nested of include.valueSet ?? []) {
        const inner = this.expand(nested);
        if (!inner) return null;
        inner.codes.forEach((c) => out.codes.add(c));
        inner.systemCodes.forEach((c) => out.systemCodes.add(c));
      }
      if (!include.system) continue;
      let codes: string[];
      if (include.concept?.length) codes = include.concept.map((c) => c.code).filter((c): c is string => !!c);
      else {
        const cs = this.codeSystems.get(include.system);
        if (!cs?.concept || cs.content !== 'complete') return null;
        codes = flatten(cs.concept);
      }
      for (const code of codes) {
        out.codes.add(code);
        out.systemCodes.add(`${include.system}|${code}`);
      }
    }
    return out;
  }
}

export interface Expansion {
  codes: Set<string>;
  systemCodes: Set<string>;
}

function flatten(concepts: CodeSystemConcept[]): string[] {
  return concepts.flatMap((c) => [...(c.code ? [c.code] : []), ...flatten(c.concept ?? [])]);
}
