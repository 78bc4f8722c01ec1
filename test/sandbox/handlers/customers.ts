/**
 * Customer endpoints: customer with contracts (cursor paging), valid contracts,
 * sync, payment methods, customer listing, manage-subscription links and
 * external payment gateway association.
 */
import type { Samples } from '../samples';
import { alertError, notFound } from '../problem';
import { pagingHeaders, slicePage, sortBy } from '../paging';
import type { Customer } from '../state';
import { iso, newHex } from '../state';
import { contractDetails, paymentMethodsDto, shopifyContract } from '../views';
import type { Handler, HandlerContext } from './common';
import { customerByEmail, empty, findCustomer, json } from './common';

/** Contracts per page in GET /subscription-customers/{id} (Shopify's `first:` argument). */
export const CUSTOMER_CONTRACTS_PAGE = 10;

function contractsOf(ctx: HandlerContext, customerId: number) {
	return ctx.state.contracts
		.filter((c) => c.customerId === customerId && !c.hidden)
		.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.contractId - b.contractId);
}

function cursorOf(index: number): string {
	return Buffer.from(JSON.stringify({ last_id: index, kind: 'subscription_contract' })).toString('base64');
}

function decodeCursor(raw: string): number {
	try {
		const parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as { last_id?: unknown };
		if (typeof parsed.last_id === 'number' && Number.isInteger(parsed.last_id) && parsed.last_id >= 0) return parsed.last_id;
	} catch {
		// fall through
	}
	throw alertError(`Invalid cursor: ${raw}`, 'customer', 'invalidcursor');
}

function link(ctx: HandlerContext, customer: Customer) {
	const expires = ctx.nowMs + 2 * 3600_000;
	const token = `${Buffer.from(JSON.stringify({ c: customer.id, e: Math.floor(expires / 1000) })).toString('base64url')}.${newHex(ctx.state, 24)}`;
	return {
		manageSubscriptionLink: `https://${ctx.state.shop}/apps/subscriptions/cp?token=${token}`,
		tokenExpirationTime: iso(expires),
	};
}

export const customerHandlers: Record<string, Handler> = {
	associateShopifyCustomerToExternalPaymentGateways(ctx) {
		const gateway = ctx.args.str('paymentGateway');
		const id = ctx.args.optInt('customerId');
		const email = ctx.args.optStr('email');
		if (id === undefined && !email) throw alertError('customerId or email is required', 'customer', 'customermissing');
		const profile = ctx.args.optStr('customerProfileId');
		if (gateway !== 'paypal' && !profile) {
			throw alertError(`customerProfileId is required for ${gateway}`, 'customer', 'profilemissing');
		}
		const customer = id !== undefined ? findCustomer(ctx.state, id) : customerByEmail(ctx.state, email as string);
		if (!customer) throw alertError('Customer not found', 'customer', 'customernotfound');
		const pm = {
			id: `gid://shopify/CustomerPaymentMethod/${newHex(ctx.state, 32)}`,
			brand: gateway,
			lastDigits: '0000',
			expiryMonth: 12,
			expiryYear: new Date(ctx.nowMs).getUTCFullYear() + 3,
			name: `${customer.firstName} ${customer.lastName}`,
			revokedAt: null,
			revokedReason: null,
			remote: { gateway, customerProfileId: profile ?? null, paymentProfileId: ctx.args.str('paymentProfileId') },
		};
		customer.paymentMethods.push(pm);
		return json({
			data: {
				customerPaymentMethodRemoteUserInfoCreate: {
					customerPaymentMethod: { __typename: 'CustomerPaymentMethod', id: pm.id, instrument: null, revokedAt: null },
					userErrors: [],
				},
			},
		});
	},

	getSubscriptionCustomerV2(ctx) {
		const customer = ctx.state.customers.find((c) => c.id === Number(ctx.args.str('id')));
		if (!customer) throw alertError('Customer not found', 'customer', 'customernotfound');
		const all = contractsOf(ctx, customer.id);
		const cursor = ctx.args.optStr('cursor');
		const start = cursor ? decodeCursor(cursor) + 1 : 0;
		const slice = all.slice(start, start + CUSTOMER_CONTRACTS_PAGE);
		const edges = slice.map((c, i) => ({ __typename: 'SubscriptionContractEdge', cursor: cursorOf(start + i), node: shopifyContract(ctx.state, c) }));
		return json({
			__typename: 'Customer',
			id: `gid://shopify/Customer/${customer.id}`,
			email: customer.email,
			firstName: customer.firstName,
			lastName: customer.lastName,
			displayName: `${customer.firstName} ${customer.lastName}`,
			phone: customer.phone,
			subscriptionContracts: {
				__typename: 'SubscriptionContractConnection',
				edges,
				pageInfo: {
					__typename: 'PageInfo',
					hasNextPage: start + slice.length < all.length,
					hasPreviousPage: start > 0,
					startCursor: edges[0]?.cursor ?? null,
					endCursor: edges[edges.length - 1]?.cursor ?? null,
				},
			},
		});
	},

	getValidSubscriptionCustomerV2(ctx) {
		return json(contractsOf(ctx, Number(ctx.args.str('customerId'))).map((c) => c.contractId));
	},

	syncCustomerInfo(ctx) {
		const id = ctx.args.int('customerId');
		const customer = ctx.state.customers.find((c) => c.id === id);
		if (!customer) throw notFound(`Customer ${id} not found in Shopify`);
		const first = contractsOf(ctx, id)[0];
		if (first) {
			ctx.log({ entityId: first.contractId, eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'CUSTOMER_INFO_SYNCED', customerId: id } });
		}
		return empty(204);
	},

	getValidSubscriptionCustomerDetailsV2(ctx) {
		return json(contractsOf(ctx, Number(ctx.args.str('customerId'))).map((c) => contractDetails(ctx.state, c)));
	},

	getShopifyCustomerPaymentDetails(ctx) {
		const customer = findCustomer(ctx.state, ctx.args.int('customerId'));
		return json(paymentMethodsDto(customer, ctx.args.bool('allowRevokedMethod', false), ctx.state));
	},

	getAllSubscriptionContractDetailsByShop(ctx) {
		const name = ctx.args.optStr('name')?.toLowerCase();
		const email = ctx.args.optStr('email')?.toLowerCase();
		const multi = ctx.args.bool('activeMoreThanOneSubscription', false);
		const rows = ctx.state.customers
			.filter((cu) => contractsOf(ctx, cu.id).length > 0)
			.map((cu) => {
				const contracts = contractsOf(ctx, cu.id);
				const active = contracts.filter((c) => c.status === 'active');
				const next = active.map((c) => c.nextBillingDate).sort()[0] ?? null;
				const lifetime = ctx.state.billingAttempts
					.filter((a) => a.status === 'SUCCESS' && contracts.some((c) => c.contractId === a.contractId))
					.reduce((s, a) => s + (a.orderAmount ?? 0), 0);
				return {
					customerId: cu.id,
					name: `${cu.firstName} ${cu.lastName}`,
					email: cu.email,
					activeSubscriptions: active.length,
					inActiveSubscriptions: contracts.length - active.length,
					nextOrderDate: next,
					lifetimeValue: Math.round(lifetime * 100) / 100,
				};
			})
			.filter((r) => !name || r.name.toLowerCase().includes(name))
			.filter((r) => !email || r.email.toLowerCase() === email)
			.filter((r) => !multi || r.activeSubscriptions > 1);
		const paging = ctx.paging ?? { page: 0, size: 20, sort: [] };
		const sorted = sortBy(rows, paging.sort.length > 0 ? paging.sort : [{ property: 'customerId', direction: 'asc' }], {
			customerId: (r) => r.customerId,
			name: (r) => r.name,
			email: (r) => r.email,
			activeSubscriptions: (r) => r.activeSubscriptions,
			inActiveSubscriptions: (r) => r.inActiveSubscriptions,
			nextOrderDate: (r) => r.nextOrderDate,
		});
		return json(slicePage(sorted, paging), 200, pagingHeaders(ctx.baseUrl, ctx.pathname, ctx.rawQuery, paging, rows.length));
	},

	getManageSubscriptionLinkV3(ctx) {
		const id = ctx.args.optInt('customerId');
		const email = ctx.args.optStr('emailId');
		if (id === undefined && !email) throw alertError('customerId or emailId is required', 'customer', 'customermissing');
		const customer = id !== undefined ? findCustomer(ctx.state, id) : customerByEmail(ctx.state, email as string);
		if (!customer) throw alertError('Customer not found', 'customer', 'customernotfound');
		return json(link(ctx, customer));
	},

	getManageSubscriptionLink(ctx) {
		const customer = findCustomer(ctx.state, Number(ctx.args.str('customerId')));
		const l = link(ctx, customer);
		return json({ ...l, expiresInMinutes: 120, customerId: customer.id, portalUrl: `https://${ctx.state.shop}/apps/subscriptions/cp` });
	},
};

/** A valid request for each handler above, on the seeded shop (sandbox.test.ts sends each one). */
export const customerSamples: Samples = {
	associateShopifyCustomerToExternalPaymentGateways: (f) => ({
		query: { paymentGateway: 'stripe', customerId: f.customerId, customerProfileId: 'cus_123', paymentProfileId: 'pm_123' },
	}),
	getSubscriptionCustomerV2: (f) => ({ path: { id: String(f.s.customers[0].id) } }),
	getValidSubscriptionCustomerV2: (f) => ({ path: { customerId: String(f.customerId) } }),
	syncCustomerInfo: (f) => ({ path: { customerId: f.customerId } }),
	getValidSubscriptionCustomerDetailsV2: (f) => ({ path: { customerId: String(f.customerId) } }),
	getShopifyCustomerPaymentDetails: (f) => ({ path: { customerId: f.customerId }, query: { allowRevokedMethod: true } }),
	getAllSubscriptionContractDetailsByShop: () => ({ query: { activeMoreThanOneSubscription: true, size: 5 } }),
	getManageSubscriptionLinkV3: (f) => ({ query: { emailId: f.email } }),
	getManageSubscriptionLink: (f) => ({ path: { customerId: String(f.customerId) } }),
};
