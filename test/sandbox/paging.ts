/**
 * Spring Data paging: sort, slice, and the JHipster `X-Total-Count` / RFC 5988 `Link` headers.
 */
import type { Paging, SortOrder } from './validate';

export type Accessor<T> = (item: T) => string | number | boolean | null;

/** Stable sort by the given orders (nulls first on asc, like MySQL). */
export function sortBy<T>(items: T[], orders: SortOrder[], accessors: Record<string, Accessor<T>>): T[] {
	if (orders.length === 0) return items.slice();
	return items
		.map((item, index) => ({ item, index }))
		.sort((a, b) => {
			for (const { property, direction } of orders) {
				const get = accessors[property];
				if (!get) continue;
				const av = get(a.item);
				const bv = get(b.item);
				if (av === bv) continue;
				const sign = direction === 'asc' ? 1 : -1;
				if (av === null) return -sign;
				if (bv === null) return sign;
				return av < bv ? -sign : sign;
			}
			return a.index - b.index;
		})
		.map((x) => x.item);
}

export function slicePage<T>(items: T[], paging: Paging): T[] {
	const start = paging.page * paging.size;
	return items.slice(start, start + paging.size);
}

/**
 * `X-Total-Count` and `Link` (rel next/prev/last/first, like JHipster's PaginationUtil):
 * absolute URLs that keep every other query parameter and replace page and size.
 */
export function pagingHeaders(
	baseUrl: string,
	pathname: string,
	rawQuery: string,
	paging: Paging,
	total: number,
): Record<string, string> {
	const kept = rawQuery
		.split('&')
		.filter((pair) => pair !== '')
		.filter((pair) => {
			const name = decodeURIComponent(pair.split('=')[0].replace(/\+/g, ' '));
			return name !== 'page' && name !== 'size';
		});
	const url = (page: number) => `<${baseUrl}${pathname}?${[...kept, `page=${page}`, `size=${paging.size}`].join('&')}>`;
	const totalPages = Math.ceil(total / paging.size);
	const links: string[] = [];
	if (paging.page + 1 < totalPages) links.push(`${url(paging.page + 1)}; rel="next"`);
	if (paging.page > 0) links.push(`${url(paging.page - 1)}; rel="prev"`);
	links.push(`${url(Math.max(totalPages - 1, 0))}; rel="last"`);
	links.push(`${url(0)}; rel="first"`);
	return { 'X-Total-Count': String(total), Link: links.join(',') };
}
