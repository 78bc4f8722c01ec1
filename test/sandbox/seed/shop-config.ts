/** The shop-level records: delivery profiles, discount codes and the app settings pages. */
import type { Counters, DeliveryProfile, DiscountCode, Settings, SubscriptionGroup } from '../model';
import { CURRENCY, DAY, iso, SHOP } from './common';

export function seedDeliveryProfiles(counters: Counters, subscriptionGroups: SubscriptionGroup[]): DeliveryProfile[] {
	return [
		{
			id: counters.deliveryProfile++,
			shop: SHOP,
			deliveryProfileId: 'gid://shopify/DeliveryProfile/90210001',
			name: 'Subscription shipping',
			sellerGroupIds: subscriptionGroups.map((g) => g.id).join(','),
			methods: [
				{ id: 'gid://shopify/DeliveryMethodDefinition/700001', name: 'Standard Shipping', code: 'STANDARD', price: 4.99, currency: CURRENCY },
				{ id: 'gid://shopify/DeliveryMethodDefinition/700002', name: 'Express Shipping', code: 'EXPRESS', price: 12.5, currency: CURRENCY },
			],
		},
		{
			id: counters.deliveryProfile++,
			shop: SHOP,
			deliveryProfileId: 'gid://shopify/DeliveryProfile/90210002',
			name: 'Local pickup',
			sellerGroupIds: null,
			methods: [{ id: 'gid://shopify/DeliveryMethodDefinition/700003', name: 'Store pickup', code: 'PICKUP', price: 0, currency: CURRENCY }],
		},
	];
}

export function seedDiscountCodes(): DiscountCode[] {
	return [
		{ code: 'WELCOME10', valueType: 'PERCENTAGE', value: 10, recurringCycleLimit: 1 },
		{ code: 'SAVE15', valueType: 'PERCENTAGE', value: 15, recurringCycleLimit: null },
		{ code: 'FIVEOFF', valueType: 'FIXED_AMOUNT', value: 5, recurringCycleLimit: 3 },
		{ code: 'VIP20', valueType: 'PERCENTAGE', value: 20, recurringCycleLimit: null },
	];
}

export function seedSettings(epoch: number): Settings {
	return {
		cancellationManagement: {
			id: 11,
			shop: SHOP,
			cancellationType: 'CANCEL_IMMEDIATELY',
			cancellationInstructionsText: 'We are sorry to see you go. Tell us why you are cancelling.',
			cancellationReasonsJSON: JSON.stringify([
				{ cancellationReason: 'Too expensive', feedbackRequired: false, enabled: true, cancellationType: 'OFFER_DISCOUNT', discountPercentage: 10 },
				{ cancellationReason: 'Have too much product', feedbackRequired: false, enabled: true, cancellationType: 'PAUSE_SUBSCRIPTION', pauseDurationCycle: 1 },
				{ cancellationReason: 'Other', feedbackRequired: true, enabled: true, cancellationType: 'CANCEL_SUBSCRIPTION' },
			]),
			pauseInstructionsText: 'Pause your subscription for up to three orders.',
			pauseDurationCycle: 3,
			enableDiscountEmail: true,
			discountEmailAddress: null,
			cancellationNoteRequired: false,
			updatedAt: iso(epoch - 40 * DAY),
		},
		customerPortal: {
			id: 21,
			shop: SHOP,
			orderFrequencyText: 'Order frequency',
			totalProductsText: 'Total products',
			nextOrderText: 'Next order',
			statusText: 'Status',
			cancelSubscriptionBtnText: 'Cancel subscription',
			pauseSubscriptionText: 'Pause subscription',
			resumeSubscriptionText: 'Resume subscription',
			skipOrderButtonText: 'Skip order',
			editFrequencyBtnText: 'Edit frequency',
			updatePaymentBtnText: 'Update payment',
			addProductButtonText: 'Add product',
			swapProductBtnText: 'Swap product',
			openBadgeText: 'Active',
			pausedBadgeText: 'Paused',
			cancelledBadgeText: 'Cancelled',
			allowCustomerToChangeAddress: true,
			allowCustomerToSkipOrder: true,
			allowCustomerToPause: true,
			allowCustomerToCancel: true,
			allowCustomerToAddProduct: true,
			allowCustomerToSwapProduct: true,
			allowCustomerToChangeFrequency: true,
			minCyclesBeforeCancel: 0,
			customerPortalTheme: 'default',
			primaryColor: '#1b5e20',
			localeDate: 'MMM DD, YYYY',
		},
		bundle: {
			id: 31,
			shop: SHOP,
			selectedFrequencyLabelText: 'Delivery frequency',
			addButtonText: 'Add',
			proceedToCheckoutButtonText: 'Proceed to checkout',
			bundleRedirect: 'CART',
			selectedProductsText: 'Selected products',
			removeButtonText: 'Remove',
			buttonColor: '#1b5e20',
			buttonTextColor: '#ffffff',
			pageBackgroundColor: '#fafafa',
			productFilterEnabled: true,
		},
		customCss: {
			id: 41,
			shop: SHOP,
			customCss: '.appstle_sub_widget { border-radius: 6px; }',
			customerPoratlCSS: '.appstle_customer_portal h1 { font-weight: 600; }',
			bundlingCSS: null,
			bundlingIframeCSS: null,
		},
	};
}
