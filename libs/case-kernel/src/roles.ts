/**
 * Who uses Bro (api.md, Auth): the role claim of every token. `gateway` is a system
 * account — the VANS gateway that delivers MedCom messages (ADR 0028) — and may call
 * only the routes that name it.
 */
export const ROLES = ['referrer', 'brobygger', 'coordinator', 'gateway'] as const;
export type Role = (typeof ROLES)[number];
