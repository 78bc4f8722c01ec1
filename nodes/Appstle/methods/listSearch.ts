import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { appstleApiPages, appstleApiRequest } from '../transport';

const PAGE_SIZE = 50;

function pageOf(token: string | undefined): number {
	const page = Number(token);
	return Number.isInteger(page) && page > 0 ? page : 0;
}

async function firstPage(this: ILoadOptionsFunctions, path: string, query: IDataObject, paginationToken?: string) {
	const page = pageOf(paginationToken);
	const pages = appstleApiPages.call(
		this,
		{ method: 'GET', path, query: query as Record<string, string>, idempotent: true },
		PAGE_SIZE,
		page,
	);
	const { value } = await pages.next();
	return { items: (value?.items ?? []) as IDataObject[], next: value?.hasMore ? String(page + 1) : undefined };
}

const STATUS_WORDS = ['active', 'paused', 'cancelled'];

/**
 * Subscriptions by customer name or email, newest first, with status so a user can tell them
 * apart. A status word in the search (`paused`, `smith active`) narrows by status; digits
 * search the subscription ID.
 */
export async function searchSubscriptionContracts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const query: IDataObject = { sort: 'created_at,desc' };
	const words = (filter ?? '').trim().split(/\s+/).filter(Boolean);
	const status = words.find((w) => STATUS_WORDS.includes(w.toLowerCase()));
	if (status) query.status = status.toLowerCase();
	const text = words.filter((w) => w !== status).join(' ');
	if (/^\d+$/.test(text)) query.subscriptionContractId = text;
	else if (text) query.customerName = text;
	const { items, next } = await firstPage.call(this, '/subscription-contract-details', query, paginationToken);
	return {
		results: items.map((c) => ({
			name: `#${c.subscriptionContractId} · ${c.customerName ?? c.customerEmail ?? 'Unknown customer'} · ${String(c.status ?? '').toLowerCase()}`,
			value: String(c.subscriptionContractId),
		})),
		paginationToken: next,
	};
}

export async function searchCustomers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = filter?.trim();
	const query: IDataObject = {};
	if (text && text.includes('@')) query.email = text;
	else if (text) query.name = text;
	const { items, next } = await firstPage.call(this, '/subscription-contract-details/customers', query, paginationToken);
	return {
		results: items.map((c) => ({
			name: `${c.name ?? 'Unnamed'}${c.email ? ` (${c.email})` : ''}`,
			value: String(c.customerId),
		})),
		paginationToken: next,
	};
}

/** Appstle returns all plan groups at once, so the search filters locally. */
export async function searchSubscriptionGroups(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { body } = await appstleApiRequest.call(this, { method: 'GET', path: '/subscription-groups', idempotent: true });
	const needle = filter?.trim().toLowerCase() ?? '';
	const groups = (Array.isArray(body) ? body : []) as IDataObject[];
	return {
		results: groups
			.filter((g) => !needle || String(g.groupName ?? '').toLowerCase().includes(needle))
			.map((g) => ({ name: String(g.groupName ?? `Plan group ${g.id}`), value: String(g.id) })),
	};
}
