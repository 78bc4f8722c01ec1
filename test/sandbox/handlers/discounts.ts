/**
 * Discounts on contracts, and one-off (one-time) products on upcoming orders.
 */
import type { Samples } from '../samples';
import { alertError } from '../problem';
import type { Contract, Discount } from '../state';
import { newHex } from '../state';
import { oneOffDto, shopifyContract } from '../views';
import type { Handler, HandlerContext } from './common';
import { findContract, findVariant, json, queuedOf, requireMutable, touch } from './common';

function uuid(ctx: HandlerContext): string {
	const h = newHex(ctx.state, 32);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function oneOffsOf(ctx: HandlerContext, contractId: number) {
	return ctx.state.oneOffs.filter((o) => o.subscriptionContractId === contractId).map(oneOffDto);
}

export const discountHandlers: Record<string, Handler> = {
	removeDiscountV2(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		requireMutable(c);
		const id = ctx.args.str('discountId');
		const d = c.discounts.find((x) => x.id === id);
		if (!d) throw alertError(`Discount ${id} not found on contract ${c.contractId}`, 'subscriptionContractDetails', 'discountnotfound');
		c.discounts = c.discounts.filter((x) => x.id !== id);
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'DISCOUNT_REMOVED', additionalInfo: { discountId: id, title: d.title } });
		return json(shopifyContract(ctx.state, c));
	},

	applyDiscountCodeV2(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		requireMutable(c);
		const code = ctx.args.str('discountCode').trim();
		const def = ctx.state.discountCodes.find((d) => d.code.toLowerCase() === code.toLowerCase());
		if (!def) throw alertError(`Discount code ${code} is not valid`, 'subscriptionContractDetails', 'invaliddiscountcode');
		if (c.discounts.some((d) => d.code === def.code)) {
			throw alertError(`Discount code ${def.code} is already applied`, 'subscriptionContractDetails', 'discountalreadyapplied');
		}
		const discount: Discount = {
			id: `gid://shopify/SubscriptionAppliedCodeDiscount/${uuid(ctx)}`,
			title: def.code,
			type: 'CODE_DISCOUNT',
			valueType: def.valueType,
			value: def.value,
			appliesOnEachItem: false,
			recurringCycleLimit: def.recurringCycleLimit,
			usageCount: 0,
			code: def.code,
		};
		c.discounts.push(discount);
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'DISCOUNT_APPLIED', additionalInfo: { discountCode: def.code, discountId: discount.id } });
		return json(shopifyContract(ctx.state, c));
	},

	addDiscountV2(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		requireMutable(c);
		const pct = ctx.args.optInt('percentage');
		const amount = ctx.args.optNum('amount');
		const declared = ctx.args.optStr('discountType');
		const type = declared ?? (pct !== undefined ? 'PERCENTAGE' : amount !== undefined ? 'FIXED_AMOUNT' : undefined);
		if (type === undefined) throw alertError('Either percentage or amount is required', 'subscriptionContractDetails', 'discountvaluemissing');
		if (type === 'PERCENTAGE' && (pct === undefined || pct < 1 || pct > 100)) {
			throw alertError('percentage must be between 1 and 100 for a PERCENTAGE discount', 'subscriptionContractDetails', 'invalidpercentage');
		}
		if (type === 'FIXED_AMOUNT' && (amount === undefined || amount <= 0)) {
			throw alertError('amount must be greater than 0 for a FIXED_AMOUNT discount', 'subscriptionContractDetails', 'invalidamount');
		}
		const limit = ctx.args.optInt('recurringCycleLimit');
		if (limit !== undefined && limit < 1) throw alertError('recurringCycleLimit must be at least 1', 'subscriptionContractDetails', 'invalidlimit');
		const value = type === 'PERCENTAGE' ? (pct as number) : (amount as number);
		const discount: Discount = {
			id: `gid://shopify/SubscriptionManualDiscount/${uuid(ctx)}`,
			title: ctx.args.optStr('discountTitle') ?? (type === 'PERCENTAGE' ? `${value}% off` : `$${value} off`),
			type: 'MANUAL',
			valueType: type as Discount['valueType'],
			value,
			appliesOnEachItem: ctx.args.bool('appliesOnEachItem', false),
			recurringCycleLimit: limit ?? null,
			usageCount: 0,
			code: null,
		};
		c.discounts.push(discount);
		touch(c, ctx.nowMs);
		ctx.log({ entityId: c.contractId, eventType: 'DISCOUNT_APPLIED', additionalInfo: { discountId: discount.id, title: discount.title, valueType: type, value } });
		return json(shopifyContract(ctx.state, c));
	},

	saveOneOffByV2(ctx) {
		const state = ctx.state;
		const c = findContract(state, ctx.args.int('contractId'));
		requireMutable(c);
		const requested = state.billingAttempts.find((a) => a.id === ctx.args.int('billingAttemptId') && a.contractId === c.contractId);
		const target = requested && requested.status === 'QUEUED' ? requested : queuedOf(state, c.contractId)[0];
		if (!target) throw alertError('There is no upcoming order for this contract', 'subscriptionContractOneOff', 'noupcomingorder');
		const { variant } = findVariant(state, ctx.args.int('variantId'));
		const quantity = ctx.args.optInt('quantity') ?? 1;
		if (quantity < 1) throw alertError('Quantity must be at least 1', 'subscriptionContractOneOff', 'invalidquantity');
		const existing = state.oneOffs.find((o) => o.billingAttemptId === target.id && o.variantId === variant.id);
		if (existing) {
			existing.quantity = quantity;
			existing.variantHandle = ctx.args.str('variantHandle');
		} else {
			state.oneOffs.push({
				id: state.counters.oneOff++,
				shop: state.shop,
				billingAttemptId: target.id,
				subscriptionContractId: c.contractId,
				variantId: variant.id,
				variantHandle: ctx.args.str('variantHandle'),
				quantity,
				price: variant.price,
			});
		}
		ctx.log({
			entityId: c.contractId,
			eventType: existing ? 'ONE_TIME_PURCHASE_PRODUCT_UPDATE' : 'ONE_TIME_PURCHASE_PRODUCT_ADDED',
			additionalInfo: { billingAttemptId: target.id, variantId: variant.id, quantity },
		});
		return json(oneOffsOf(ctx, c.contractId));
	},

	deleteOneOffByV2(ctx) {
		const state = ctx.state;
		const c = findContract(state, ctx.args.int('contractId'));
		const attemptId = ctx.args.int('billingAttemptId');
		const variantId = ctx.args.int('variantId');
		const before = state.oneOffs.length;
		state.oneOffs = state.oneOffs.filter(
			(o) => !(o.subscriptionContractId === c.contractId && o.billingAttemptId === attemptId && o.variantId === variantId),
		);
		if (state.oneOffs.length !== before) {
			ctx.log({ entityId: c.contractId, eventType: 'ONE_TIME_PURCHASE_PRODUCT_REMOVED', additionalInfo: { billingAttemptId: attemptId, variantId } });
		}
		return json(oneOffsOf(ctx, c.contractId));
	},

	getOneOffForContractNextOrderExternal(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		const next = queuedOf(ctx.state, c.contractId)[0];
		if (!next) return json([]);
		return json(ctx.state.oneOffs.filter((o) => o.billingAttemptId === next.id).map(oneOffDto));
	},

	getOneOffsForSubscriptionContractV2(ctx) {
		const c = findContract(ctx.state, ctx.args.int('contractId'));
		return json(oneOffsOf(ctx, c.contractId));
	},
};

/** A valid request for each handler above, on the seeded shop (sandbox.test.ts sends each one). */
export const discountSamples: Samples = {
	removeDiscountV2: (f) => {
		const c = f.s.contracts.find((x) => x.status === 'active' && x.discounts.length > 0) as Contract;
		return { query: { contractId: c.contractId, discountId: c.discounts[0].id } };
	},
	applyDiscountCodeV2: (f) => ({ query: { contractId: f.c.contractId, discountCode: 'SAVE15' } }),
	addDiscountV2: (f) => ({ query: { contractId: f.c.contractId, percentage: 10, discountType: 'PERCENTAGE', discountTitle: 'Sandbox 10%' } }),
	saveOneOffByV2: (f) => ({
		query: { contractId: f.c.contractId, billingAttemptId: f.queuedId, variantId: f.variantId, variantHandle: f.variantHandle, quantity: 1 },
	}),
	deleteOneOffByV2: (f) => {
		const o = f.s.oneOffs[0];
		return { query: { contractId: o.subscriptionContractId, billingAttemptId: o.billingAttemptId, variantId: o.variantId } };
	},
	getOneOffForContractNextOrderExternal: (f) => ({ query: { contractId: f.s.oneOffs[0]?.subscriptionContractId ?? f.c.contractId } }),
	getOneOffsForSubscriptionContractV2: (f) => ({ query: { contractId: f.c.contractId } }),
};
