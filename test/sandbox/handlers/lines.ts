/**
 * Line item endpoints: add / remove / replace lines, quantity, price, pricing policy,
 * selling plan and line attributes.
 */
import type { Samples } from '../samples';
import { alertError } from '../problem';
import type { Attribute, Contract, CycleDiscount } from '../state';
import { shopifyContract } from '../views';
import type { Handler, HandlerContext } from './common';
import {
	findContract,
	findVariant,
	json,
	newLine,
	numericId,
	queuedOf,
	requireLine,
	requireMutable,
	text,
	touch,
} from './common';

function load(ctx: HandlerContext): Contract {
	const c = findContract(ctx.state, ctx.args.int('contractId'));
	requireMutable(c);
	return c;
}

function done(ctx: HandlerContext, c: Contract) {
	touch(c, ctx.nowMs);
	return json(shopifyContract(ctx.state, c));
}

function quantity(q: number): number {
	if (q < 1) throw alertError('Quantity must be at least 1', 'subscriptionContractDetails', 'invalidquantity');
	return q;
}

function price(p: number, name = 'price'): number {
	if (p < 0) throw alertError(`${name} cannot be negative`, 'subscriptionContractDetails', 'invalidprice');
	return Math.round(p * 100) / 100;
}

function toAttributes(list: Array<{ key?: string | null; value?: string | null }>): Attribute[] {
	return list.map((a) => ({ key: a.key ?? '', value: a.value ?? '' }));
}

function addProduct(ctx: HandlerContext, c: Contract, variantRef: string, qty: number, customPrice: number | undefined, oneTime: boolean) {
	const { product, variant } = findVariant(ctx.state, variantRef);
	if (oneTime) {
		const next = queuedOf(ctx.state, c.contractId)[0];
		if (!next) throw alertError('There is no upcoming order to add a one-time product to', 'subscriptionContractDetails', 'noupcomingorder');
		const existing = ctx.state.oneOffs.find((o) => o.billingAttemptId === next.id && o.variantId === variant.id);
		if (existing) existing.quantity = qty;
		else {
			ctx.state.oneOffs.push({
				id: ctx.state.counters.oneOff++,
				shop: ctx.state.shop,
				billingAttemptId: next.id,
				subscriptionContractId: c.contractId,
				variantId: variant.id,
				variantHandle: product.handle,
				quantity: qty,
				price: customPrice ?? variant.price,
			});
		}
		ctx.log({ entityId: c.contractId, eventType: 'ONE_TIME_PURCHASE_PRODUCT_ADDED', additionalInfo: { variantId: variant.id, quantity: qty, billingAttemptId: next.id } });
		return;
	}
	const line = newLine(ctx.state, c, product, variant, qty, customPrice);
	c.lines.push(line);
	ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_ADD', additionalInfo: { lineId: line.id, variantId: variant.id, quantity: qty, price: line.price } });
}

export const lineHandlers: Record<string, Handler> = {
	updateMultipleLineItemAttributesV2(ctx) {
		const c = load(ctx);
		const body = ctx.body as Record<string, Array<{ key?: string | null; value?: string | null }>>;
		const entries = Object.entries(body);
		if (entries.length === 0) throw alertError('No line item attributes given', 'subscriptionContractDetails', 'noattributes');
		const lines = entries.map(([lineId, list]) => ({ line: requireLine(c, lineId), list }));
		for (const { line, list } of lines) line.customAttributes = toAttributes(list);
		ctx.log({
			entityId: c.contractId,
			eventType: 'SUBSCRIPTION_CONTRACT_UPDATED',
			additionalInfo: { field: 'lineItemAttributes', lines: Object.fromEntries(lines.map(({ line }) => [line.id, line.customAttributes])) },
		});
		return done(ctx, c);
	},

	updateLineItemAttributesV2(ctx) {
		const c = load(ctx);
		const line = requireLine(c, ctx.args.str('lineId'));
		const old = line.customAttributes;
		line.customAttributes = toAttributes(ctx.body as Array<{ key?: string | null; value?: string | null }>);
		ctx.log({ entityId: c.contractId, eventType: 'SUBSCRIPTION_CONTRACT_UPDATED', additionalInfo: { field: 'lineItemAttributes', lineId: line.id, oldValue: old, newValue: line.customAttributes } });
		return done(ctx, c);
	},

	updateMultipleContractsLineItemAttributesV2(ctx) {
		const all = ctx.args.bool('allSubscriptions', false);
		const ids = ctx.args.numbers('contractIds');
		if (!all && ids.length === 0) {
			throw alertError('Either contractIds or allSubscriptions=true is required', 'subscriptionContractDetails', 'nocontracts');
		}
		const targets = all
			? ctx.state.contracts.filter((c) => c.status === 'active' && !c.hidden)
			: ids.map((id) => findContract(ctx.state, id));
		const attributes = toAttributes(ctx.body as Array<{ key?: string | null; value?: string | null }>);
		for (const c of targets) {
			for (const l of c.lines) l.customAttributes = attributes.map((a) => ({ ...a }));
			touch(c, ctx.nowMs);
			ctx.log({ entityId: c.contractId, eventType: 'SUBSCRIPTION_CONTRACT_UPDATED', additionalInfo: { field: 'lineItemAttributes', bulk: true, attributes } });
		}
		return text(`Line item attributes updated for ${targets.length} subscription contract(s)`);
	},

	updateLineItemV2(ctx) {
		const c = load(ctx);
		const line = requireLine(c, ctx.args.str('lineId'));
		const qty = quantity(ctx.args.int('quantity'));
		const newPrice = price(ctx.args.num('price'));
		const { product, variant } = findVariant(ctx.state, ctx.args.str('variantId'));
		const before = { variantId: line.variantId, quantity: line.quantity, price: line.price };
		if (variant.id !== line.variantId) {
			Object.assign(line, { productId: product.id, variantId: variant.id, title: product.title, variantTitle: variant.title, sku: variant.sku, image: product.image });
			ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_REPLACE', additionalInfo: { lineId: line.id, oldVariantId: before.variantId, newVariantId: variant.id } });
		}
		if (qty !== before.quantity) {
			line.quantity = qty;
			ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_QUANTITY_CHANGE', additionalInfo: { lineId: line.id, oldQuantity: before.quantity, newQuantity: qty } });
		}
		if (newPrice !== before.price) {
			line.price = newPrice;
			line.basePrice = newPrice;
			ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_PRICE_CHANGE', additionalInfo: { lineId: line.id, oldPrice: before.price, newPrice } });
		}
		const planName = ctx.args.optStr('sellingPlanName');
		if (planName) line.sellingPlanName = planName;
		return done(ctx, c);
	},

	updateLineItemSellingPlan(ctx) {
		const c = load(ctx);
		const line = requireLine(c, ctx.args.str('lineId'));
		const planId = ctx.args.optInt('sellingPlanId');
		const planName = ctx.args.optStr('sellingPlanName');
		if (planId === undefined && !planName) {
			throw alertError('Both Selling Plan Id and Selling Plan Name cannot be null', 'subscriptionContractDetails', 'sellingplanmissing');
		}
		const old = { sellingPlanId: line.sellingPlanId, sellingPlanName: line.sellingPlanName };
		if (planId !== undefined) {
			const plan = ctx.state.subscriptionGroups.flatMap((g) => g.plans).find((p) => numericId(p.id) === planId);
			if (!plan) throw alertError(`Selling plan ${planId} not found`, 'subscriptionContractDetails', 'sellingplannotfound');
			line.sellingPlanId = planId;
			line.sellingPlanName = planName ?? plan.frequencyName;
		} else if (planName) {
			line.sellingPlanName = planName;
		}
		ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_SELLING_PLAN_CHANGE', additionalInfo: { lineId: line.id, old, new: { sellingPlanId: line.sellingPlanId, sellingPlanName: line.sellingPlanName } } });
		return done(ctx, c);
	},

	updateLineItemQuantityV2(ctx) {
		const c = load(ctx);
		const line = requireLine(c, ctx.args.str('lineId'));
		const qty = quantity(ctx.args.int('quantity'));
		const old = line.quantity;
		line.quantity = qty;
		ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_QUANTITY_CHANGE', additionalInfo: { lineId: line.id, oldQuantity: old, newQuantity: qty } });
		return done(ctx, c);
	},

	updateLineItemPricingPolicyV2(ctx) {
		const c = load(ctx);
		const line = requireLine(c, ctx.args.str('lineId'));
		const base = price(ctx.args.num('basePrice'), 'basePrice');
		const cycles = (ctx.body as Array<Partial<CycleDiscount>> | undefined) ?? [];
		const old = { basePrice: line.basePrice, cycleDiscounts: line.cycleDiscounts };
		line.basePrice = base;
		line.cycleDiscounts = cycles.map((cy) => ({
			afterCycle: cy.afterCycle ?? 0,
			discountType: cy.discountType ?? 'PERCENTAGE',
			value: cy.value ?? 0,
			freeVariantId: cy.freeVariantId ?? null,
			freeProductHandle: cy.freeProductHandle ?? null,
		}));
		const first = line.cycleDiscounts.find((cy) => cy.afterCycle === 0);
		line.price = !first
			? base
			: first.discountType === 'PERCENTAGE'
				? Math.round(base * (100 - first.value)) / 100
				: first.discountType === 'FIXED'
					? Math.max(0, Math.round((base - first.value) * 100) / 100)
					: first.value;
		ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_PRICING_POLICY_CHANGE', additionalInfo: { lineId: line.id, old, new: { basePrice: base, cycleDiscounts: line.cycleDiscounts } } });
		return done(ctx, c);
	},

	updateLineItemPriceV2(ctx) {
		const c = load(ctx);
		const line = requireLine(c, ctx.args.str('lineId'));
		const p = price(ctx.args.num('basePrice'), 'basePrice');
		const old = line.price;
		line.price = p;
		line.basePrice = p;
		ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_PRICE_CHANGE', additionalInfo: { lineId: line.id, oldPrice: old, newPrice: p } });
		return done(ctx, c);
	},

	removeLineItems(ctx) {
		const c = load(ctx);
		const ids = ctx.body as string[];
		if (ids.length === 0) throw alertError('At least one line id is required', 'subscriptionContractDetails', 'nolines');
		const lines = ids.map((id) => requireLine(c, id));
		if (new Set(lines.map((l) => l.id)).size >= c.lines.length) {
			throw alertError('A subscription contract needs at least one line item', 'subscriptionContractDetails', 'lastline');
		}
		c.lines = c.lines.filter((l) => !ids.includes(l.id));
		for (const l of lines) {
			ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_REMOVE', additionalInfo: { lineId: l.id, variantId: l.variantId, quantity: l.quantity } });
		}
		return done(ctx, c);
	},

	removeLineItemV2(ctx) {
		const c = load(ctx);
		const line = requireLine(c, ctx.args.str('lineId'));
		if (c.lines.length === 1) throw alertError('A subscription contract needs at least one line item', 'subscriptionContractDetails', 'lastline');
		c.lines = c.lines.filter((l) => l.id !== line.id);
		ctx.log({ entityId: c.contractId, eventType: 'PRODUCT_REMOVE', additionalInfo: { lineId: line.id, variantId: line.variantId, quantity: line.quantity } });
		return done(ctx, c);
	},

	addLineItems(ctx) {
		const c = load(ctx);
		const entries = Object.entries(ctx.body as Record<string, number>);
		if (entries.length === 0) throw alertError('No products given', 'subscriptionContractDetails', 'noproducts');
		for (const [ref] of entries) findVariant(ctx.state, ref);
		for (const [ref, qty] of entries) addProduct(ctx, c, ref, qty, undefined, false);
		return done(ctx, c);
	},

	addLineItemV2(ctx) {
		const c = load(ctx);
		const qty = quantity(ctx.args.int('quantity'));
		addProduct(ctx, c, ctx.args.str('variantId'), qty, undefined, ctx.args.bool('isOneTimeProduct', false));
		return done(ctx, c);
	},

	addLineItemV2_1(ctx) {
		const c = load(ctx);
		const qty = quantity(ctx.args.int('quantity'));
		const p = price(ctx.args.num('price'));
		addProduct(ctx, c, ctx.args.str('variantId'), qty, p, ctx.args.bool('isOneTimeProduct', false));
		return done(ctx, c);
	},
};

/** A valid request for each handler above, on the seeded shop (sandbox.test.ts sends each one). */
export const lineSamples: Samples = {
	updateMultipleLineItemAttributesV2: (f) => ({ query: { contractId: f.c.contractId }, body: { [f.lineA.id]: [{ key: 'engraving', value: 'A.B.' }] } }),
	updateLineItemAttributesV2: (f) => ({ query: { contractId: f.c.contractId, lineId: f.lineA.id }, body: [{ key: 'engraving', value: 'A.B.' }] }),
	updateMultipleContractsLineItemAttributesV2: (f) => ({ query: { contractIds: `${f.c.contractId},${f.c2.contractId}` }, body: [{ key: 'k', value: 'v' }] }),
	updateLineItemV2: (f) => ({ query: { contractId: f.c.contractId, lineId: f.lineA.id, quantity: 3, variantId: String(f.lineA.variantId), price: 12.5 } }),
	updateLineItemSellingPlan: (f) => ({ query: { contractId: f.c.contractId, lineId: f.lineA.id, sellingPlanId: f.planId } }),
	updateLineItemQuantityV2: (f) => ({ query: { contractId: f.c.contractId, lineId: f.lineA.id, quantity: 4 } }),
	updateLineItemPricingPolicyV2: (f) => ({
		query: { contractId: f.c.contractId, lineId: f.lineA.id, basePrice: 20 },
		body: [{ afterCycle: 2, discountType: 'PERCENTAGE', value: 10 }],
	}),
	updateLineItemPriceV2: (f) => ({ query: { contractId: f.c.contractId, lineId: f.lineA.id, basePrice: 19.5 } }),
	removeLineItems: (f) => ({ query: { contractId: f.c.contractId }, body: [f.lineB.id] }),
	removeLineItemV2: (f) => ({ query: { contractId: f.c.contractId, lineId: f.lineB.id } }),
	addLineItems: (f) => ({ query: { contractId: f.c.contractId }, body: { [String(f.variantId)]: 2 } }),
	addLineItemV2: (f) => ({ query: { contractId: f.c.contractId, quantity: 1, variantId: String(f.variantId) } }),
	addLineItemV2_1: (f) => ({ query: { contractId: f.c.contractId, quantity: 1, variantId: `gid://shopify/ProductVariant/${f.variantId}`, price: 7.5 } }),
};
