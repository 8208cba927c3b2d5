import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'bro:public';

/** Marks a route that needs no token (health, metrics, docs, the dev token endpoint). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
