import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { ENDPOINTS } from '../shared/endpoints';
import { recordIdOf } from '../shared/records';
import { appstleApiRequest } from '../transport';

/** Every selling plan of the shop, named as customers see them. */
export async function sellingPlans(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const { body } = await appstleApiRequest.call(this, {
		method: 'GET',
		path: ENDPOINTS.allSellingPlans,
		idempotent: true,
	});
	const plans = (Array.isArray(body) ? body : []) as IDataObject[];
	return plans
		.map((plan) => {
			const id = recordIdOf(plan.id ?? plan.idNew) ?? '';
			const every = plan.frequencyCount && plan.frequencyInterval ? ` (every ${plan.frequencyCount} ${String(plan.frequencyInterval).toLowerCase()})` : '';
			return { name: `${plan.frequencyName ?? plan.planName ?? `Plan ${id}`}${every}`, value: id };
		})
		.filter((option) => option.value !== '')
		.sort((a, b) => a.name.localeCompare(b.name));
}
