import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

const pages = new Map<Type, Type>();

/**
 * The schema of a list (`{ items, total }`, ADR 0016) of one response DTO: one class
 * per item type, named `<Item>Page`, so the generated web types can name it.
 */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; total: number }> {
  const known = pages.get(item);
  if (known) return known as Type<{ items: T[]; total: number }>;
  class ItemPage {
    @ApiProperty({ type: () => [item] })
    items: T[];

    @ApiProperty({ type: Number, description: 'All matches, not only this page' })
    total: number;
  }
  Object.defineProperty(ItemPage, 'name', { value: `${item.name}Page` });
  pages.set(item, ItemPage);
  return ItemPage;
}
