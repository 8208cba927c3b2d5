/**
 * The case kernel (ADR 0020): the case vocabulary, written once — statuses and the
 * transition table, the closed/open/held sets, case actions, milestones, consent scopes
 * and feedback levels, roles — and the small-count rule every published figure follows
 * (ADR 0018: the council report and `GET /v1/statistics`). Pure TypeScript with no dependencies, at the bottom of the
 * libs, so every lib and the web app (through a path alias) import the same words.
 */
export * from './lifecycle';
export * from './milestones';
export * from './consent-vocabulary';
export * from './roles';
export * from './organisation-kinds';
export * from './community-vocabulary';
export * from './offer-categories';
export * from './suppression';
