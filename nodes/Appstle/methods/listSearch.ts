import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { idDigitsOf, isDigits } from '../shared/ids';
import { nodesOf, parseJsonString, recordIdOf } from '../shared/records';
import { appstleApiPages, appstleApiRequest, PAGING_POLICY } from '../transport';

const PICKER_PAGE_SIZE = 50;

function pageOf(token: string | undefined): number {
	const page = Number(token);
	return Number.isInteger(page) && page > 0 ? page : 0;
}

async function firstPage(this: ILoadOptionsFunctions, path: string, query: IDataObject, paginationToken?: string) {
	const page = pageOf(paginationToken);
	const pages = appstleApiPages.call(
		this,
		{ method: 'GET', path, query: query as Record<string, string>, idempotent: true },
		PICKER_PAGE_SIZE,
		page,
	);
	const { value } = await pages.next();
	// The editor asks for the next page as the user scrolls: never past the ceiling of one list read.
	const more = value?.hasMore === true && page + 1 < PAGING_POLICY.maxPages;
	return { items: (value?.items ?? []) as IDataObject[], next: more ? String(page + 1) : undefined };
}

const STATUS_WORDS = ['active', 'paused', 'cancelled'];

/**
 * Subscriptions by customer name or email, newest first, with status, next billing date and
 * products so a user can tell one customer's subscriptions apart. A status word in the search (`paused`, `smith active`) narrows by status; digits
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
	if (isDigits(text)) query.subscriptionContractId = text;
	else if (text) query.customerName = text;
	const { items, next } = await firstPage.call(this, ENDPOINTS.contractDetails, query, paginationToken);
	return {
		results: items.map((c) => ({
			name: joinLabel([
				`#${c.subscriptionContractId}`,
				String(c.customerName ?? c.customerEmail ?? 'Unknown customer'),
				String(c.status ?? '').toLowerCase(),
				// A paused or cancelled subscription has no next order, whatever date it still carries.
				String(c.status ?? '').toLowerCase() === 'active' && shortDate(c.nextBillingDate) ? `next ${shortDate(c.nextBillingDate)}` : undefined,
				productSummary(c.contractDetailsJSON),
			]),
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
	const { items, next } = await firstPage.call(this, ENDPOINTS.contractCustomers, query, paginationToken);
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
	const { body } = await appstleApiRequest.call(this, { method: 'GET', path: ENDPOINTS.subscriptionGroups, idempotent: true });
	const needle = filter?.trim().toLowerCase() ?? '';
	const groups = (Array.isArray(body) ? body : []) as IDataObject[];
	return {
		results: groups
			.filter((g) => !needle || String(g.groupName ?? '').toLowerCase().includes(needle))
			.map((g) => ({ name: String(g.groupName ?? `Plan group ${g.id}`), value: String(g.id) })),
	};
}

/* ---------- Labels: rows a person can tell apart ---------- */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `15 Dec 2026` from an ISO date (UTC, as Appstle stores them); undefined when it is not a date. */
function shortDate(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
	if (!match) return undefined;
	return `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
}

/** `55.90 USD`; undefined when there is no amount. */
function money(amount: unknown, currency: unknown): string | undefined {
	if (amount === undefined || amount === null || amount === '') return undefined;
	const number = Number(amount);
	if (!Number.isFinite(number)) return undefined;
	return `${number.toFixed(2)}${currency ? ` ${String(currency)}` : ''}`;
}

function titleWord(value: unknown): string {
	const text = String(value ?? '').replace(/_/g, ' ').toLowerCase();
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `Earl Grey Loose Leaf Tea (250g)`: the product, and the variant unless it is Shopify's "Default Title". */
function productTitle(title: unknown, variantTitle: unknown): string {
	const product = String(title ?? '').trim();
	const variant = String(variantTitle ?? '').trim();
	if (!variant || variant === 'Default Title' || product.endsWith(variant)) return product || variant || 'Untitled product';
	return product ? `${product} (${variant})` : variant;
}

const joinLabel = (parts: Array<string | undefined>) => parts.filter((p) => p !== undefined && p !== '').join(' · ');

/** Keeps the rows whose label (or value) contains every word of the search, in any case. */
function matching<T extends { name: string; value: string }>(rows: T[], filter?: string): T[] {
	const words = (filter ?? '').toLowerCase().split(/\s+/).filter(Boolean);
	if (!words.length) return rows;
	return rows.filter((row) => words.every((w) => row.name.toLowerCase().includes(w) || row.value.toLowerCase().includes(w)));
}

/* ---------- The subscription a dependent picker lists from ---------- */

/** Digits of a subscription ID as typed or picked (`123`, a GID, or a locator value); undefined for expressions and blanks. */
function contractDigits(raw: unknown): string | undefined {
	let value = raw;
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) value = (value as IDataObject).value;
	return idDigitsOf(value, 'SubscriptionContract');
}

function currentParameter(context: ILoadOptionsFunctions, path: string): unknown {
	try {
		return context.getCurrentNodeParameter(path);
	} catch {
		return undefined;
	}
}

/**
 * The subscription chosen in this node's own Subscription parameter (or its optional
 * subscription field), when it holds a plain ID; an expression cannot be read in the editor.
 */
function chosenContractId(this: ILoadOptionsFunctions): string | undefined {
	const candidates: unknown[] = [currentParameter(this, 'contractId')];
	for (const collection of ['additionalFields', 'updateFields']) {
		const values = currentParameter(this, collection) as IDataObject | undefined;
		if (values && typeof values === 'object') candidates.push(values.subscriptionContractId, values.contractId);
	}
	for (const candidate of candidates) {
		const id = contractDigits(candidate);
		if (id) return id;
	}
	return undefined;
}

/** Whether this node's Subscription parameter holds an expression, which the editor cannot resolve. */
function contractIsExpression(this: ILoadOptionsFunctions): boolean {
	let value = currentParameter(this, 'contractId');
	if (value && typeof value === 'object' && 'value' in (value as IDataObject)) value = (value as IDataObject).value;
	return typeof value === 'string' && value.startsWith('=');
}

/** The chosen subscription, or one whose ID the user typed in the search box. */
function contractFor(this: ILoadOptionsFunctions, filter?: string): { contractId?: string; text: string } {
	const fromNode = chosenContractId.call(this);
	if (fromNode) return { contractId: fromNode, text: filter ?? '' };
	const typed = contractDigits(filter ?? '');
	return { contractId: typed, text: typed ? '' : (filter ?? '') };
}

async function contractDetails(this: ILoadOptionsFunctions, contractId: string): Promise<IDataObject | undefined> {
	const { items } = await firstPage.call(this, ENDPOINTS.contractDetails, { subscriptionContractId: contractId });
	return items.find((c) => String(c.subscriptionContractId) === contractId) ?? items[0];
}

interface ContractLine {
	id: string;
	variantId?: string;
	title: string;
	quantity: number;
	price?: string;
	currency?: string;
}

async function contractLines(this: ILoadOptionsFunctions, contractId: string): Promise<ContractLine[]> {
	const { body } = await appstleApiRequest.call(this, {
		method: 'GET',
		path: ENDPOINTS.shopifyContract,
		pathParams: { contractId },
		idempotent: true,
	});
	const contract = (body ?? {}) as IDataObject;
	return nodesOf(contract.lines).map((line) => {
		const price = line.currentPrice as IDataObject | undefined;
		return {
			id: String(line.id),
			variantId: line.variantId === undefined || line.variantId === null ? undefined : recordIdOf(line.variantId),
			title: productTitle(line.title, line.variantTitle),
			quantity: Number(line.quantity ?? 1),
			price: money(price?.amount, price?.currencyCode ?? contract.currencyCode),
		};
	});
}

/** `Earl Grey Loose Leaf Tea (250g) × 1 · 11.00 USD +1 more`: what a subscription delivers. */
function productSummary(detailsJson: unknown): string | undefined {
	const lines = parseJsonString(detailsJson);
	if (!Array.isArray(lines) || !lines.length) return undefined;
	const first = lines[0] as IDataObject;
	const more = lines.length > 1 ? ` +${lines.length - 1} more` : '';
	return `${productTitle(first.title, first.variantTitle)} × ${String(first.quantity ?? 1)}${more}`;
}

/** One upcoming order as a picker row: number, date, status, then what tells it apart. */
function orderRow(order: IDataObject, details: IDataObject | undefined, owner?: string) {
	const products = Array.isArray(order.variantList) ? order.variantList.length : undefined;
	return {
		name: joinLabel([
			`#${String(order.id)}`,
			shortDate(order.billingDate),
			titleWord(order.status),
			owner,
			products === undefined ? undefined : `${products} product${products === 1 ? '' : 's'}`,
			money(order.orderAmount ?? details?.orderAmount, details?.currencyCode),
		]),
		value: String(order.id),
	};
}

async function fetchUpcomingOrders(this: ILoadOptionsFunctions, contractId: string): Promise<IDataObject[]> {
	const { body } = await appstleApiRequest.call(this, {
		method: 'GET',
		path: ENDPOINTS.upcomingOrders,
		query: { contractId },
		idempotent: true,
	});
	return (Array.isArray(body) ? body : []) as IDataObject[];
}

/** Subscriptions whose orders one page of the picker lists when no subscription is chosen. */
const ORDER_PICKER_CONTRACTS = 5;

/**
 * Upcoming orders (Appstle's billing attempts). With a subscription chosen in this node (or its
 * ID typed in the search): that subscription's orders. With none, as on Skip, Bill Now and
 * Reschedule: the orders of the active subscriptions billed soonest, five subscriptions a page,
 * or of the subscriptions whose customer matches the search text; each row names its customer
 * and subscription. A subscription given as an expression is known only at run time: nothing.
 */
export async function searchBillingAttempts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { contractId, text } = contractFor.call(this, filter);
	if (contractId) {
		const [orders, details] = await Promise.all([fetchUpcomingOrders.call(this, contractId), contractDetails.call(this, contractId)]);
		return { results: matching(orders.map((order) => orderRow(order, details)), text) };
	}
	if (contractIsExpression.call(this)) return { results: [] };
	const query: Record<string, string> = { status: 'active', sort: 'next_billing_date,asc' };
	if (text.trim()) query.customerName = text.trim();
	const page = pageOf(paginationToken);
	const pages = appstleApiPages.call(
		this,
		{ method: 'GET', path: ENDPOINTS.contractDetails, query, idempotent: true },
		ORDER_PICKER_CONTRACTS,
		page,
	);
	const { value } = await pages.next();
	const contracts = (value?.items ?? []) as IDataObject[];
	const rows: Array<{ name: string; value: string; billingDate: number }> = [];
	// One subscription after another: the picker shares the API key's rate limit with running workflows.
	for (const contract of contracts) {
		const owner = `${String(contract.customerName ?? contract.customerEmail ?? 'Unknown customer')} · subscription #${String(contract.subscriptionContractId)}`;
		for (const order of await fetchUpcomingOrders.call(this, String(contract.subscriptionContractId))) {
			rows.push({ ...orderRow(order, contract, owner), billingDate: Date.parse(String(order.billingDate)) || 0 });
		}
	}
	rows.sort((a, b) => a.billingDate - b.billingDate || Number(a.value) - Number(b.value));
	return {
		results: rows.map(({ name, value }) => ({ name, value })),
		paginationToken: value?.hasMore ? String(page + 1) : undefined,
	};
}

/** The lines of the chosen subscription (or of the one whose ID is typed in the search). */
export async function searchSubscriptionLines(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { contractId, text } = contractFor.call(this, filter);
	if (!contractId) return { results: [] };
	const lines = await contractLines.call(this, contractId);
	const rows = lines.map((line) => ({
		name: joinLabel([`${line.title} × ${line.quantity}`, line.price && line.quantity !== 1 ? `${line.price} each` : line.price]),
		value: line.id,
	}));
	return { results: matching(rows, text) };
}

/** Variant IDs with titles from a plan group's `variantIds` JSON text (objects or bare IDs). */
function groupVariants(group: IDataObject): Array<{ id: string; title: string }> {
	const list = parseJsonString(group.variantIds);
	if (!Array.isArray(list)) return [];
	return list
		.map((entry) => {
			if (entry && typeof entry === 'object') {
				const e = entry as IDataObject;
				return { id: recordIdOf(e.id) ?? '', title: String(e.title ?? e.displayName ?? '') };
			}
			return { id: recordIdOf(entry) ?? '', title: '' };
		})
		.filter((v) => isDigits(v.id));
}

/**
 * Product variants Appstle knows: those on the chosen subscription, those offered by the shop's
 * subscription plans, and those on the newest subscriptions. Searchable by title or ID.
 */
export async function searchProductVariants(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const contractId = chosenContractId.call(this);
	const [own, groups, recent] = await Promise.all([
		contractId ? contractLines.call(this, contractId) : Promise.resolve([] as ContractLine[]),
		appstleApiRequest.call(this, { method: 'GET', path: ENDPOINTS.subscriptionGroups, idempotent: true }),
		firstPage.call(this, ENDPOINTS.contractDetails, { sort: 'created_at,desc' }),
	]);
	const rows = new Map<string, { name: string; value: string }>();
	const add = (id: string | undefined, parts: Array<string | undefined>) => {
		if (!id || !isDigits(id) || rows.has(id)) return;
		rows.set(id, { name: joinLabel([...parts, `ID ${id}`]), value: id });
	};
	for (const line of own) add(line.variantId, [line.title, line.price, 'on this subscription']);
	for (const group of (Array.isArray(groups.body) ? groups.body : []) as IDataObject[]) {
		for (const variant of groupVariants(group)) add(variant.id, [variant.title || 'Variant', `plan ${String(group.groupName ?? group.id)}`]);
	}
	for (const contract of recent.items) {
		const lines = parseJsonString(contract.contractDetailsJSON);
		if (!Array.isArray(lines)) continue;
		for (const line of lines as IDataObject[]) {
			const price = line.currentPrice as IDataObject | undefined;
			add(recordIdOf(line.variantId), [productTitle(line.title, line.variantTitle), money(price?.amount, price?.currencyCode ?? contract.currencyCode)]);
		}
	}
	return { results: matching([...rows.values()], filter) };
}

/** Every selling plan of the shop, with its frequency and plan group, searchable by any of them. */
export async function searchSellingPlans(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const { body } = await appstleApiRequest.call(this, {
		method: 'GET',
		path: ENDPOINTS.allSellingPlans,
		idempotent: true,
	});
	const rows = ((Array.isArray(body) ? body : []) as IDataObject[])
		.map((plan) => {
			const id = recordIdOf(plan.id ?? plan.idNew) ?? '';
			const count = Number(plan.frequencyCount);
			const interval = String(plan.frequencyInterval ?? '').toLowerCase();
			const every = count && interval ? `every ${count === 1 ? interval : `${count} ${interval}s`}` : undefined;
			const name = String(plan.frequencyName ?? plan.planName ?? `Plan ${id}`);
			// "Every 2 months · every 2 months" says nothing twice.
			const frequency = every && !name.toLowerCase().includes(every) ? every : undefined;
			return {
				name: joinLabel([name, frequency, plan.groupName ? `plan ${String(plan.groupName)}` : undefined]),
				value: id,
			};
		})
		.filter((row) => isDigits(row.value))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results: matching(rows, filter) };
}
