/**
 * Build-a-box bundles (subscription bundling) and product swaps.
 */
import type { Samples } from '../samples';
import { alertError, badRequest, notFound } from '../problem';
import type { Bundle, VariantQuantity } from '../state';
import { newHex } from '../state';
import { bundleDto, frequencyDto, swapDto } from '../views';
import type { Handler, HandlerContext } from './common';
import { empty, findContract, json } from './common';

const BUNDLE = 'subscriptionBundling';

function bundleByHandle(ctx: HandlerContext, handle: string): Bundle | undefined {
	return ctx.state.bundles.find((b) => b.uniqueRef === handle);
}

type BundleBody = Partial<Omit<Bundle, 'sourceProducts'>> & { id?: number | null };

const EDITABLE: Array<keyof BundleBody> = [
	'subscriptionBundlingEnabled',
	'subscriptionId',
	'minProductCount',
	'maxProductCount',
	'discount',
	'uniqueRef',
	'groupName',
	'subscriptionBundleLink',
	'bundleRedirect',
	'customRedirectURL',
	'minOrderAmount',
	'tieredDiscount',
	'productViewStyle',
	'buildABoxType',
	'singleProductSettings',
	'subscriptionGroup',
	'bundleTopHtml',
	'bundleBottomHtml',
	'proceedToCheckoutButtonText',
	'chooseProductsText',
	'name',
];

function applyBundle(ctx: HandlerContext, b: Bundle, body: BundleBody): void {
	if (body.uniqueRef && body.uniqueRef !== b.uniqueRef && bundleByHandle(ctx, body.uniqueRef)) {
		throw alertError(`A bundle with handle ${body.uniqueRef} already exists`, BUNDLE, 'handleexists');
	}
	const min = body.minProductCount ?? b.minProductCount;
	const max = body.maxProductCount ?? b.maxProductCount;
	if (min > max) throw alertError('minProductCount cannot be greater than maxProductCount', BUNDLE, 'invalidcounts');
	for (const key of EDITABLE) {
		const v = body[key];
		if (v !== undefined && v !== null) (b as unknown as Record<string, unknown>)[key] = v;
	}
	b.shop = ctx.state.shop;
}

function inUse(ctx: HandlerContext, b: Bundle): boolean {
	return ctx.state.contracts.some(
		(c) => c.status === 'active' && !c.hidden && c.lines.some((l) => l.customAttributes.some((a) => a.key === '_appstle-bb-id' && a.value === b.uniqueRef)),
	);
}

function productInfo(ctx: HandlerContext, b: Bundle) {
	const group = ctx.state.subscriptionGroups.find((g) => g.id === b.subscriptionId);
	const ids = new Set<number>([...(group?.products.map((p) => p.id) ?? []), ...b.sourceProducts.flatMap((s) => s.subProductIds)]);
	return ctx.state.products
		.filter((p) => ids.has(p.id))
		.map((p) => ({
			id: p.id,
			title: p.title,
			handle: p.handle,
			imageSrc: p.image,
			variants: p.variants.map((v) => ({ id: v.id, title: v.title, price: v.price, sku: v.sku })),
		}));
}

interface SourceProductInput {
	sourceProductId?: unknown;
	addSubProductIds?: unknown;
	addSubVariantIds?: unknown;
	deleteSubProductIds?: unknown;
	deleteSubVariantIds?: unknown;
}

function idArray(value: unknown, where: string): number[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value) || !value.every((v) => Number.isSafeInteger(v))) {
		throw badRequest(`Invalid request body: field '${where}' must be an array of integers (int64)`);
	}
	return value as number[];
}

export const bundleHandlers: Record<string, Handler> = {
	generateDiscountV2(ctx) {
		const token = ctx.args.str('token');
		const b = bundleByHandle(ctx, token) ?? ctx.state.bundles.find((x) => String(x.id) === token);
		if (!b) return json({ discountCode: null, discountAmount: null, errorMessage: 'Bundle not found for token', discountNeeded: false });
		const cart = (ctx.body as { cart?: Record<string, unknown> | null }).cart ?? {};
		const items = Array.isArray(cart.items) ? (cart.items as Array<Record<string, unknown>>) : [];
		const count = items.reduce((sum, item) => sum + (typeof item.quantity === 'number' ? item.quantity : 0), 0);
		if (count < b.minProductCount) {
			return json({ discountCode: null, discountAmount: null, errorMessage: `Add at least ${b.minProductCount} products to the box`, discountNeeded: false });
		}
		if (count > b.maxProductCount) {
			return json({ discountCode: null, discountAmount: null, errorMessage: `A box holds at most ${b.maxProductCount} products`, discountNeeded: false });
		}
		return json({ discountCode: `BAB-${newHex(ctx.state, 8).toUpperCase()}`, discountAmount: b.discount, errorMessage: null, discountNeeded: true });
	},

	getUpdateSubscriptionBundling(ctx) {
		const entries = ctx.body as Array<{ babHandle?: string | null; sourceProducts?: SourceProductInput[] | null }>;
		if (entries.length === 0) throw alertError('Nothing to update', BUNDLE, 'empty');
		const plan = entries.map((e, i) => {
			if (!e.babHandle) throw alertError(`babHandle is required (entry ${i})`, BUNDLE, 'handlenull');
			const b = bundleByHandle(ctx, e.babHandle);
			if (!b) throw alertError(`Build-a-box ${e.babHandle} not found`, BUNDLE, 'notfound');
			const sources = (e.sourceProducts ?? []).map((s, j) => {
				const where = `[${i}].sourceProducts[${j}]`;
				const [sourceProductId] = idArray(s.sourceProductId === undefined ? undefined : [s.sourceProductId], `${where}.sourceProductId`);
				if (sourceProductId === undefined) throw badRequest(`Invalid request body: field '${where}.sourceProductId' must not be null`);
				return {
					sourceProductId,
					add: idArray(s.addSubProductIds, `${where}.addSubProductIds`),
					addV: idArray(s.addSubVariantIds, `${where}.addSubVariantIds`),
					del: idArray(s.deleteSubProductIds, `${where}.deleteSubProductIds`),
					delV: idArray(s.deleteSubVariantIds, `${where}.deleteSubVariantIds`),
				};
			});
			return { b, sources };
		});
		for (const { b, sources } of plan) {
			for (const s of sources) {
				let entry = b.sourceProducts.find((x) => x.sourceProductId === s.sourceProductId);
				if (!entry) {
					entry = { sourceProductId: s.sourceProductId, subProductIds: [], subVariantIds: [] };
					b.sourceProducts.push(entry);
				}
				entry.subProductIds = [...new Set([...entry.subProductIds, ...s.add])].filter((id) => !s.del.includes(id));
				entry.subVariantIds = [...new Set([...entry.subVariantIds, ...s.addV])].filter((id) => !s.delV.includes(id));
			}
			ctx.log({ entityId: b.id, entityType: 'SUBSCRIPTION_BUNDLING', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'BUNDLE_PRODUCTS_UPDATED', handle: b.uniqueRef } });
		}
		return json(bundleDto(plan[plan.length - 1].b));
	},

	updateSubscriptionBundling(ctx) {
		const body = ctx.body as BundleBody;
		if (body.id === undefined || body.id === null) throw alertError('Invalid id', BUNDLE, 'idnull');
		const b = ctx.state.bundles.find((x) => x.id === body.id);
		if (!b) throw alertError('Entity not found', BUNDLE, 'idnotfound');
		applyBundle(ctx, b, body);
		ctx.log({ entityId: b.id, entityType: 'SUBSCRIPTION_BUNDLING', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'BUNDLE_UPDATED' } });
		return json(bundleDto(b), 200, { 'X-subscriptionApp-alert': 'subscriptionApp.subscriptionBundling.updated', 'X-subscriptionApp-params': String(b.id) });
	},

	createSubscriptionBundling(ctx) {
		const body = ctx.body as BundleBody;
		if (body.id !== undefined && body.id !== null) throw alertError('A new subscriptionBundling cannot already have an ID', BUNDLE, 'idexists');
		const state = ctx.state;
		const name = body.name ?? 'New bundle';
		const handle = body.uniqueRef ?? name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
		if (bundleByHandle(ctx, handle)) throw alertError(`A bundle with handle ${handle} already exists`, BUNDLE, 'handleexists');
		const b: Bundle = {
			id: state.counters.bundle++,
			shop: state.shop,
			name,
			groupName: body.groupName ?? name,
			uniqueRef: handle,
			subscriptionBundlingEnabled: true,
			subscriptionId: null,
			minProductCount: 1,
			maxProductCount: 10,
			discount: 0,
			minOrderAmount: null,
			tieredDiscount: null,
			subscriptionBundleLink: `https://${state.shop}/apps/subscriptions/bb/${handle}`,
			bundleRedirect: 'CART',
			customRedirectURL: null,
			productViewStyle: 'QUICK_ADD',
			buildABoxType: 'CLASSIC',
			singleProductSettings: null,
			subscriptionGroup: null,
			bundleTopHtml: null,
			bundleBottomHtml: null,
			proceedToCheckoutButtonText: 'Proceed to checkout',
			chooseProductsText: 'Choose your products',
			sourceProducts: [],
		};
		applyBundle(ctx, b, { ...body, uniqueRef: handle });
		state.bundles.push(b);
		ctx.log({ entityId: b.id, entityType: 'SUBSCRIPTION_BUNDLING', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'BUNDLE_CREATED', handle } });
		return json(bundleDto(b), 201, {
			Location: `/api/subscription-bundlings/${b.id}`,
			'X-subscriptionApp-alert': 'subscriptionApp.subscriptionBundling.created',
			'X-subscriptionApp-params': String(b.id),
		});
	},

	getValidSubscriptionCustomerV2_1(ctx) {
		const handle = ctx.args.str('handle');
		const b = bundleByHandle(ctx, handle);
		const group = b && ctx.state.subscriptionGroups.find((g) => g.id === b.subscriptionId);
		if (!b || !group) throw notFound(`Bundle ${handle} not found`);
		const products = productInfo(ctx, b);
		return json({
			bundle: bundleDto(b),
			subscriptions: group.plans.map((p) => ({ ...frequencyDto(p, group.groupName), subscriptionGroupId: group.id })),
			products,
			variants: products.flatMap((p) => p.variants.map((v) => String(v.id))),
		});
	},

	getSubscriptionBundleSettingsV2(ctx) {
		return json({ ...ctx.state.settings.bundle });
	},

	getSubscriptionBundling(ctx) {
		const id = ctx.args.int('id');
		const b = ctx.state.bundles.find((x) => x.id === id);
		if (!b) throw notFound(`Build-a-box ${id} not found`);
		return json(bundleDto(b));
	},

	deleteSubscriptionBundling(ctx) {
		const id = ctx.args.int('id');
		const b = ctx.state.bundles.find((x) => x.id === id);
		if (!b) throw alertError('Invalid id', BUNDLE, 'idinvalid');
		if (inUse(ctx, b)) throw alertError('This build-a-box is used by active subscriptions and cannot be deleted', BUNDLE, 'inuse');
		ctx.state.bundles = ctx.state.bundles.filter((x) => x.id !== id);
		ctx.log({ entityId: id, entityType: 'SUBSCRIPTION_BUNDLING', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'BUNDLE_DELETED', handle: b.uniqueRef } });
		return empty(204, { 'X-subscriptionApp-alert': 'subscriptionApp.subscriptionBundling.deleted', 'X-subscriptionApp-params': String(id) });
	},

	getValidSubscriptionCustomerV2_2(ctx) {
		const handle = ctx.args.str('handle');
		const b = bundleByHandle(ctx, handle);
		if (!b) throw notFound(`Bundle ${handle} not found`);
		const group = ctx.state.subscriptionGroups.find((g) => g.id === b.subscriptionId);
		return json({
			bundle: {
				id: b.id,
				bundleName: b.name,
				bundleHandle: b.uniqueRef,
				minProductCount: b.minProductCount,
				maxProductCount: b.maxProductCount,
				discount: b.discount,
				minOrderAmount: b.minOrderAmount,
				tieredDiscount: b.tieredDiscount,
				bundleRedirect: b.bundleRedirect,
				productViewStyle: b.productViewStyle,
				enabled: b.subscriptionBundlingEnabled,
				products: productInfo(ctx, b),
			},
			subscription: group
				? { id: group.id, groupName: group.groupName, subscriptionPlans: group.plans.map((p) => frequencyDto(p)) }
				: null,
		});
	},

	getAllProductSwaps(ctx) {
		return json(ctx.state.productSwaps.map(swapDto));
	},

	getProductSwapsByVariantIdV2(ctx) {
		const variantQuantityOf = (c2: HandlerContext, variantId: number, quantity: number): VariantQuantity => {
			const product = c2.state.products.find((p) => p.variants.some((v) => v.id === variantId));
			const variant = product?.variants.find((v) => v.id === variantId);
			return {
				variantId,
				quantity,
				title: `${product?.title ?? 'Unknown product'} - ${variant?.title ?? ''}`,
				image: product?.image ?? null,
				productTitle: product?.title ?? 'Unknown product',
				productId: product?.id ?? 0,
				variantTitle: variant?.title ?? '',
				swapId: null,
			};
		};
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		const body = ctx.body as { variantQuantityList?: Array<{ variantId?: unknown; quantity?: unknown }> | null };
		const given = body.variantQuantityList ?? [];
		// As the 2024 source does: the products of each of the next five orders, with the swap
		// rules applied in sequence (a rule without "every recurring order" fires only once).
		let products = (given.length > 0 ? given : c.lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity }))).map((v) => ({
			variantId: Number(v.variantId),
			quantity: Number(v.quantity ?? 1),
			swapId: null as number | null,
		}));
		const rules = [...ctx.state.productSwaps].sort((a, b) => a.ruleSequence - b.ruleSequence);
		const fired = new Set<number>();
		const orders = [];
		for (let order = 0; order < 5; order++) {
			for (const rule of rules) {
				if (fired.has(rule.id) && !rule.checkForEveryRecurringOrder) continue;
				const sources = rule.sourceVariants.map((v) => v.variantId);
				if (!sources.every((id) => products.some((p) => p.variantId === id))) continue;
				products = [
					...products.filter((p) => !sources.includes(p.variantId)),
					...rule.destinationVariants.map((v) => ({ variantId: v.variantId, quantity: v.quantity, swapId: rule.id })),
				];
				fired.add(rule.id);
			}
			orders.push(products.map((p) => ({ ...variantQuantityOf(ctx, p.variantId, p.quantity), swapId: p.swapId })));
		}
		return json(orders);
	},

	getProductSwap(ctx) {
		const id = ctx.args.int('id');
		const s = ctx.state.productSwaps.find((x) => x.id === id);
		if (!s) throw notFound(`Product swap ${id} not found`);
		return json(swapDto(s));
	},

	deleteProductSwap(ctx) {
		const id = ctx.args.int('id');
		const s = ctx.state.productSwaps.find((x) => x.id === id);
		if (!s) throw alertError('Invalid id', 'productSwap', 'idinvalid');
		ctx.state.productSwaps = ctx.state.productSwaps.filter((x) => x.id !== id);
		ctx.log({ entityId: id, entityType: 'PRODUCT_SWAP', eventType: 'INFORMATIONAL_EVENT', status: 'INFO', additionalInfo: { action: 'PRODUCT_SWAP_DELETED', name: s.name } });
		return empty(204, { 'X-subscriptionApp-alert': 'subscriptionApp.productSwap.deleted', 'X-subscriptionApp-params': String(id) });
	},
};

/** A valid request for each handler above, on the seeded shop (sandbox.test.ts sends each one). */
export const bundleSamples: Samples = {
	generateDiscountV2: (f) => ({ path: { token: f.s.bundles[0].uniqueRef }, body: { cart: { items: [{ variant_id: f.variantId, quantity: 3 }] } } }),
	getUpdateSubscriptionBundling: (f) => ({
		body: [{ babHandle: f.s.bundles[0].uniqueRef, sourceProducts: [{ sourceProductId: f.s.products[0].id, addSubProductIds: [f.s.products[1].id] }] }],
	}),
	updateSubscriptionBundling: async (f, get) => {
		const bundle = (await get(`build-a-box/${f.s.bundles[0].id}`)) as Record<string, unknown>;
		return { body: { ...bundle, name: 'Build Your Own Coffee Box' } };
	},
	createSubscriptionBundling: (f) => ({ body: { shop: f.s.shop, name: 'Snack Box', minProductCount: 2, maxProductCount: 4 } }),
	getValidSubscriptionCustomerV2_1: (f) => ({ path: { handle: f.s.bundles[0].uniqueRef } }),
	getSubscriptionBundleSettingsV2: () => ({ path: { id: '0' } }),
	getSubscriptionBundling: (f) => ({ path: { id: f.s.bundles[0].id } }),
	deleteSubscriptionBundling: (f) => ({ path: { id: f.s.bundles[1].id } }),
	getValidSubscriptionCustomerV2_2: (f) => ({ path: { handle: f.s.bundles[1].uniqueRef } }),
	getAllProductSwaps: () => ({}),
	getProductSwapsByVariantIdV2: (f) => ({
		path: { contractId: f.c.contractId },
		body: { variantQuantityList: [{ variantId: f.s.productSwaps[0].sourceVariants[0].variantId, quantity: 1 }] },
	}),
	getProductSwap: (f) => ({ path: { id: f.s.productSwaps[0].id } }),
	deleteProductSwap: (f) => ({ path: { id: f.s.productSwaps[0].id } }),
};
