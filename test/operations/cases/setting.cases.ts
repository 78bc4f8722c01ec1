import type { IDataObject } from 'n8n-workflow';

import type { OperationCase } from '../types';

const V2 = '/api/external/v2';
const json = (items: Array<{ json: IDataObject }>, i = 0) => items[i].json;

export const cases: OperationCase[] = [
	{
		resource: 'setting',
		operation: 'getCancellationSettings',
		parameters: () => ({}),
		expect: () => ({ method: 'GET', path: `${V2}/cancellation-managements/0` }),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).shop).toBe(f.shop);
			expect(json(items).cancellationType).toEqual(expect.any(String));
		},
	},
	{
		resource: 'setting',
		operation: 'getCustomCss',
		parameters: () => ({}),
		expect: () => ({ method: 'GET', path: `${V2}/subscription-custom-csses/0` }),
		output: (items, f) => {
			expect(items).toHaveLength(1);
			expect(json(items).shop).toBe(f.shop);
			expect(json(items)).toHaveProperty('customCss');
		},
	},
	{
		resource: 'setting',
		operation: 'regenerateScripts',
		parameters: () => ({}),
		expect: () => ({ method: 'GET', path: `${V2}/theme-settings/regenerate-scripts-for-shop` }),
		output: (items) => expect(items.map((i) => i.json)).toEqual([{ success: true }]),
	},
];
