import { Appstle } from '../nodes/Appstle/Appstle.node';
import { AppstleTrigger } from '../nodes/Appstle/AppstleTrigger.node';
import { lintRenderedNode } from './lint-rendered';

describe('derived node descriptions', () => {
	it('would catch a parameter that breaks the rules (control)', async () => {
		const broken = {
			...new Appstle().description,
			properties: [
				{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Returns everything.' },
				{ displayName: 'flag', name: 'flag', type: 'boolean', default: false, description: 'A flag.' },
			],
		};
		const problems = (await lintRenderedNode('Appstle', broken)).join('\n');
		expect(problems).toMatch(/node-param-description-wrong-for-return-all/);
		expect(problems).toMatch(/boolean-without-whether/);
	});

	it('the action node passes the n8n-nodes-base parameter rules', async () => {
		expect(await lintRenderedNode('Appstle', new Appstle().description)).toEqual([]);
	});

	it('the trigger passes the n8n-nodes-base parameter rules', async () => {
		expect(await lintRenderedNode('AppstleTrigger', new AppstleTrigger().description)).toEqual([]);
	});
});
