/**
 * Shop-level endpoints: shipping profiles, bulk automations, settings records,
 * activity logs, theme scripts, magic links and customer portal tokens.
 */
import { filterLogs, sortLogs } from '../activity-log';
import { pagingHeaders, slicePage } from '../paging';
import type { Samples } from '../samples';
import { alertError } from '../problem';
import type { DeliveryProfile } from '../state';
import { newHex } from '../state';
import type { Handler, HandlerContext } from './common';
import { customerByEmail, findCustomer, findVariant, json, setStatus, text, touch } from './common';

/** How long a bulk automation job counts as "running" (another one of the same type is refused). */
export const DEFAULT_BULK_JOB_MS = 2000;

function createProfile(ctx: HandlerContext, name: string | null | undefined, request: unknown): DeliveryProfile {
	const state = ctx.state;
	const id = state.counters.deliveryProfile++;
	const profile: DeliveryProfile = {
		id,
		shop: state.shop,
		deliveryProfileId: `gid://shopify/DeliveryProfile/${90210000 + id}`,
		name: name ?? `Shipping profile ${id}`,
		sellerGroupIds: null,
		methods: [],
		request,
	};
	state.deliveryProfiles.push(profile);
	ctx.log({ entityId: 90210000 + id, entityType: 'SHIPPING_PROFILE', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'SHIPPING_PROFILE_CREATED', name: profile.name } });
	return profile;
}

function profileDto(p: DeliveryProfile) {
	return { id: p.id, shop: p.shop, deliveryProfileId: p.deliveryProfileId, name: p.name, sellerGroupIds: p.sellerGroupIds };
}

function bulkTargets(ctx: HandlerContext, job: string): number[] | 'all' {
	const running = ctx.state.bulkJobs[job];
	if (running !== undefined && running > ctx.nowMs) {
		throw alertError('Bulk request for current shop is already in progress', 'bulkAutomation', 'bulkinprogress');
	}
	if (ctx.args.bool('allSubscriptions', false)) return 'all';
	const raw = (ctx.body as { subscriptionIds?: string | null } | undefined)?.subscriptionIds;
	const ids = (raw ?? '')
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '')
		.map(Number);
	if (ids.length === 0) throw alertError('Give subscriptionIds in the body or allSubscriptions=true', 'bulkAutomation', 'nosubscriptions');
	return ids;
}

function tokenFor(ctx: HandlerContext, customerId: number): string {
	const payload = Buffer.from(JSON.stringify({ customerId, shop: ctx.state.shop, exp: Math.floor(ctx.nowMs / 1000) + 7200 })).toString('base64url');
	return `${payload}.${newHex(ctx.state, 40)}`;
}

export const settingsHandlers: Record<string, Handler> = {
	createShippingProfileV3External(ctx) {
		const body = ctx.body as { name?: string | null; sellingPlanGroups?: unknown[] | null; locationInfos?: unknown[] | null; zones?: unknown[] | null };
		const p = createProfile(ctx, body.name, body);
		return json({
			id: p.deliveryProfileId,
			name: p.name,
			profileId: 90210000 + p.id,
			sellingPlanGroups: body.sellingPlanGroups ?? [],
			locationInfos: body.locationInfos ?? [],
			zones: body.zones ?? [],
		});
	},

	createShippingProfileV2External(ctx) {
		const body = ctx.body as { name?: string | null };
		return json(profileDto(createProfile(ctx, body.name, body)));
	},

	createShippingProfileV2(ctx) {
		const body = ctx.body as { name?: string | null };
		return json(profileDto(createProfile(ctx, body.name, body)));
	},

	replaceProductV2(ctx) {
		const oldIds = ctx.args.numbers('oldVariantIds');
		const newIds = ctx.args.numbers('newVariantIds');
		if (oldIds.length !== newIds.length) {
			throw alertError(`oldVariantIds (${oldIds.length}) and newVariantIds (${newIds.length}) must have the same length`, 'bulkAutomation', 'lengthmismatch');
		}
		const targets = bulkTargets(ctx, 'replaceProduct');
		const replacements = newIds.map((id) => findVariant(ctx.state, id));
		const contracts = ctx.state.contracts.filter(
			(c) => c.status !== 'cancelled' && !c.hidden && (targets === 'all' || targets.includes(c.contractId)),
		);
		for (const c of contracts) {
			const changed: Array<[number, number]> = [];
			for (const line of c.lines) {
				const i = oldIds.indexOf(line.variantId);
				if (i < 0) continue;
				const { product, variant } = replacements[i];
				changed.push([line.variantId, variant.id]);
				Object.assign(line, { productId: product.id, variantId: variant.id, title: product.title, variantTitle: variant.title, sku: variant.sku, image: product.image, basePrice: variant.price, price: variant.price });
			}
			if (changed.length === 0) continue;
			touch(c, ctx.nowMs);
			ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_REPLACE', eventSource: 'MERCHANT_PORTAL_BULK_AUTOMATION', additionalInfo: { replaced: changed.map(([from, to]) => ({ oldVariantId: from, newVariantId: to })) } });
		}
		ctx.state.bulkJobs.replaceProduct = ctx.nowMs + ctx.bulkJobMs;
		return { kind: 'empty', status: 204, headers: { 'X-subscriptionApp-alert': 'Bulk request added to queue' } };
	},

	hideSubscriptionsV2(ctx) {
		const targets = bulkTargets(ctx, 'hideSubscriptions');
		const contracts = ctx.state.contracts.filter((c) => !c.hidden && (targets === 'all' || targets.includes(c.contractId)));
		for (const c of contracts) {
			const old = c.status;
			if (c.status !== 'cancelled') setStatus(ctx.state, c, 'cancelled', ctx.nowMs);
			c.hidden = true;
			ctx.log({ entityId: c.contractId, eventType: 'CONTRACT_CANCELLED', eventSource: 'MERCHANT_PORTAL_BULK_AUTOMATION', additionalInfo: { oldStatus: old, reason: 'HIDDEN_BY_BULK_AUTOMATION' } });
		}
		ctx.state.bulkJobs.hideSubscriptions = ctx.nowMs + ctx.bulkJobMs;
		return { kind: 'empty', status: 204, headers: { 'X-subscriptionApp-alert': 'Bulk request added to queue' } };
	},

	getCancellationManagementV2(ctx) {
		return json({ ...ctx.state.settings.cancellationManagement });
	},

	getAllActivityLogs(ctx) {
		const paging = ctx.paging ?? { page: 0, size: 20, sort: [] };
		const matched = sortLogs(filterLogs(ctx.state.activityLogs, ctx.query), paging.sort);
		return json(
			slicePage(matched, paging).map((e) => ({ ...e })),
			200,
			pagingHeaders(ctx.baseUrl, ctx.pathname, ctx.rawQuery, paging, matched.length),
		);
	},

	regenerateScriptForShop() {
		return json(true);
	},

	getSubscriptionCustomCssV2(ctx) {
		return json({ ...ctx.state.settings.customCss });
	},

	emailMagicLinkV2(ctx) {
		const email = ctx.args.str('email');
		const customer = customerByEmail(ctx.state, email);
		if (!customer) throw alertError('Customer not found', 'customer', 'customernotfound');
		const contract = ctx.state.contracts.find((c) => c.customerId === customer.id && !c.hidden);
		if (!contract) throw alertError('No subscription found for this customer', 'customer', 'nosubscription');
		ctx.log({ entityId: contract.contractId, eventType: 'SEND_SUBSCRIPTION_MANAGEMENT_LINK', status: 'SUCCESS', additionalInfo: { email: customer.email } });
		return text('Email triggered successfully.');
	},

	getCustomerPortalToken(ctx) {
		const id = ctx.args.optStr('customerId');
		const email = ctx.args.optStr('email');
		if (!id && !email) throw alertError('customerId or email is required', 'customer', 'customermissing');
		const customer = id ? findCustomer(ctx.state, Number(id)) : customerByEmail(ctx.state, email as string);
		if (!customer) throw alertError('Customer not found', 'customer', 'customernotfound');
		return json({ customerId: customer.id, token: tokenFor(ctx, customer.id), appstleExternalToken: newHex(ctx.state, 48) });
	},

	getCustomerPortalSettingsV2(ctx) {
		return json({ ...ctx.state.settings.customerPortal });
	},
};

/** A valid request for each handler above, on the seeded shop (sandbox.test.ts sends each one). */
export const settingsSamples: Samples = {
	createShippingProfileV3External: () => ({ body: { name: 'Subscriptions v3', sellingPlanGroups: [], locationInfos: [], zones: [] } }),
	createShippingProfileV2External: () => ({ body: { name: 'Subscriptions v2', locationInfos: [] } }),
	createShippingProfileV2: () => ({ body: { name: 'Subscriptions', restOfWorld: true } }),
	replaceProductV2: (f) => ({ query: { oldVariantIds: f.lineA.variantId, newVariantIds: f.variantId }, body: { subscriptionIds: String(f.c.contractId) } }),
	hideSubscriptionsV2: (f) => ({ body: { subscriptionIds: `${f.c.contractId},${f.c2.contractId}` } }),
	getCancellationManagementV2: () => ({ path: { id: '0' } }),
	getAllActivityLogs: () => ({ query: { size: 5, sort: 'createAt,desc' } }),
	regenerateScriptForShop: () => ({}),
	getSubscriptionCustomCssV2: () => ({ path: { id: 0 } }),
	emailMagicLinkV2: (f) => ({ query: { email: f.email } }),
	getCustomerPortalToken: (f) => ({ query: { customerId: String(f.customerId) } }),
	getCustomerPortalSettingsV2: () => ({ path: { id: '0' } }),
};
