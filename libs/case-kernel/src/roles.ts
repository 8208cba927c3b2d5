/** Who uses Bro (api.md, Auth): the role claim of every staff token. */
export const ROLES = ['referrer', 'brobygger', 'coordinator'] as const;
export type Role = (typeof ROLES)[number];
