import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

const ZONES = [
	{
		countries: [{ code: 'US', restOfCountry: true }],
		restOfWorld: false,
		deliveryMethods: [{ name: 'Subscriber shipping', amount: 4.5, currencyCode: 'USD' }],
	},
];

export const cases: OperationCase[] = [
	{
		resource: 'deliveryProfile',
		operation: 'create',
		parameters: (f) => ({
			name: 'Coffee Club shipping',
			additionalFields: {
				sellingPlanGroups: JSON.stringify([{ label: 'Coffee Club', value: f.subscriptionGroupId }]),
				zones: JSON.stringify(ZONES),
			},
		}),
		expect: (f) => ({
			method: 'POST',
			path: `${V2}/delivery-profiles/v3/create-shipping-profile`,
			body: {
				name: 'Coffee Club shipping',
				sellingPlanGroups: [{ label: 'Coffee Club', value: f.subscriptionGroupId }],
				zones: ZONES,
			},
		}),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).name).toBe('Coffee Club shipping');
			expect(String(json(items).id)).toMatch(/^gid:\/\/shopify\/DeliveryProfile\/\d+$/);
			expect(json(items).sellingPlanGroups).toEqual([{ label: 'Coffee Club', value: f.subscriptionGroupId }]);
		},
	},
	{
		resource: 'deliveryProfile',
		operation: 'createV2',
		parameters: () => ({
			name: 'Tea shipping',
			additionalFields: { locationInfos: '[{"locationId": "gid://shopify/Location/1", "countryCode": "US"}]' },
		}),
		expect: () => ({
			method: 'POST',
			path: `${V2}/delivery-profiles/v2/create-shipping-profile`,
			body: { name: 'Tea shipping', locationInfos: [{ locationId: 'gid://shopify/Location/1', countryCode: 'US' }] },
		}),
		output: (items, f) => {
			expect(json(items)).toMatchObject({ name: 'Tea shipping', shop: f.shop });
			expect(String(json(items).deliveryProfileId)).toMatch(/^gid:\/\/shopify\/DeliveryProfile\//);
		},
	},
	{
		resource: 'deliveryProfile',
		operation: 'createLegacy',
		parameters: () => ({
			name: 'Pet food shipping',
			additionalFields: {
				countryInfos: '[{"code": "CA"}]',
				deliveryMethodInfo: '[{"title": "Standard", "amount": 6}]',
				restOfWorld: false,
				extraBody: '{"restOfWorld": true}',
			},
		}),
		expect: () => ({
			method: 'POST',
			path: `${V2}/delivery-profiles/create-shipping-profile`,
			body: {
				name: 'Pet food shipping',
				countryInfos: [{ code: 'CA' }],
				deliveryMethodInfo: [{ title: 'Standard', amount: 6 }],
				restOfWorld: true,
			},
		}),
		output: (items, f) => expect(json(items)).toMatchObject({ name: 'Pet food shipping', shop: f.shop }),
	},
];
