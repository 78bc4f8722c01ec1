import type { INodeTypes } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { Appstle } from '../nodes/Appstle/Appstle.node';
import actionCodex from '../nodes/Appstle/Appstle.node.json';
import triggerCodex from '../nodes/Appstle/AppstleTrigger.node.json';
import { AppstleTrigger } from '../nodes/Appstle/AppstleTrigger.node';
import { AppstleWebhookTrigger } from '../nodes/Appstle/AppstleWebhookTrigger.node';
import { OPERATIONS, RESOURCES } from '../nodes/Appstle/actions';
import type { FieldDef } from '../nodes/Appstle/actions/types';
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

/**
 * n8n's lint runs the `title-case` package over labels, which capitalises every word except
 * its list of small words and leaves those as written. One style means: exactly what that
 * package would produce, with its small words lower case inside a title.
 */
const SMALL_WORDS =
	/^(?:an?d?|a[st]|because|but|by|en|for|i[fn]|neither|nor|o[fnr]|only|over|per|so|some|tha[tn]|the|to|up|upon|vs?\.?|versus|via|when|with|without|yet)$/i;

function titleCaseProblems(label: string): string[] {
	const words = label.split(/\s+/);
	return words.flatMap((word, index) => {
		if (!/^[A-Za-z]/.test(word)) return [];
		const inner = index > 0 && index < words.length - 1;
		if (inner && SMALL_WORDS.test(word)) return word === word.toLowerCase() ? [] : [`"${word}" should be lower case`];
		return word[0] === word[0].toUpperCase() ? [] : [`"${word}" should start upper case`];
	});
}

describe('copy follows one style (n8n UX guidelines)', () => {
	it('the style check itself catches both kinds of mistake (control)', () => {
		expect(titleCaseProblems('Update Frequency By Selling Plan')).toEqual(['"By" should be lower case']);
		expect(titleCaseProblems('Sync from shopify')).toEqual(['"from" should start upper case', '"shopify" should start upper case']);
		expect(titleCaseProblems('Get Management Link by Email')).toEqual([]);
	});

	it('every resource, operation and field label is in Title Case', () => {
		const problems: string[] = [];
		const check = (where: string, label: string) =>
			problems.push(...titleCaseProblems(label).map((p) => `${where} "${label}": ${p}`));
		const visit = (where: string, fields: FieldDef[]) => {
			for (const field of fields) {
				check(`${where} field`, field.label);
				visit(`${where} › ${field.label}`, field.fields ?? []);
			}
		};
		for (const resource of RESOURCES) {
			check('resource', resource.name);
			for (const def of resource.operations) {
				check(`${resource.name} operation`, def.name);
				visit(`${resource.name} › ${def.name}`, def.fields);
			}
		}
		expect(problems).toEqual([]);
	});

	it('updates put their optional fields under Update Fields, lists keep sorting out of Filters', () => {
		const properties = new Appstle().description.properties;
		const misplaced: string[] = [];
		for (const def of OPERATIONS) {
			const shown = properties.filter(
				(p) =>
					p.type === 'collection' &&
					p.displayOptions?.show?.resource?.includes(def.resource) &&
					p.displayOptions?.show?.operation?.includes(def.operation),
			);
			const names = shown.map((p) => p.name);
			if (/^update/.test(def.operation) && names.some((n) => n === 'additionalFields')) {
				misplaced.push(`${def.resource}.${def.operation} uses Additional Fields`);
			}
			const filters = shown.find((p) => p.name === 'filters');
			const filterNames = ((filters?.options ?? []) as Array<{ name: string }>).map((o) => o.name);
			if (filterNames.includes('sort')) misplaced.push(`${def.resource}.${def.operation} sorts inside Filters`);
		}
		expect(misplaced).toEqual([]);
		// Non-vacuous: there are update operations with optional fields and sortable lists.
		expect(properties.some((p) => p.name === 'updateFields')).toBe(true);
		expect(properties.some((p) => p.name === 'sort' && p.type === 'collection')).toBe(true);
	});
});

describe('findable and explicit in the editor', () => {
	it.each([
		['Appstle.node.json', actionCodex],
		['AppstleTrigger.node.json', triggerCodex],
	])('%s lists the words builders search for', (_file, codex: { alias?: string[] }) => {
		const alias = (codex.alias ?? []).map((a) => a.toLowerCase());
		for (const word of ['subscription', 'recurring', 'shopify', 'billing', 'dunning', 'skip', 'pause', 'cancel', 'swap']) {
			expect(alias).toContain(word);
		}
	});

	it('every operation that charges, emails, cancels or removes, or starts a bulk job shows a notice', () => {
		const notices = new Appstle().description.properties.filter((p) => p.type === 'notice');
		const risky = OPERATIONS.filter((d) => ['charge', 'email', 'destructive', 'bulk'].includes(d.effect));
		expect(risky.length).toBeGreaterThan(10);
		const missing = risky.filter(
			(d) =>
				!notices.some(
					(n) =>
						n.displayOptions?.show?.resource?.includes(d.resource) &&
						n.displayOptions?.show?.operation?.includes(d.operation),
				),
		);
		expect(missing.map((d) => `${d.resource}.${d.operation}`)).toEqual([]);
		const billNow = notices.find((n) => n.displayOptions?.show?.operation?.includes('billNow'));
		expect(billNow?.displayName).toMatch(/charges the customer/);
		// Reads never get one.
		expect(notices.some((n) => n.displayOptions?.show?.operation?.includes('getMany'))).toBe(false);
	});

	it('every node tells n8n’s AI builder when to use it', () => {
		for (const description of [new Appstle().description, new AppstleTrigger().description, new AppstleWebhookTrigger().description]) {
			expect(description.builderHint?.searchHint).toMatch(/Appstle/);
			expect(description.builderHint?.relatedNodes?.length).toBeGreaterThan(1);
		}
		const tool = new Appstle().description.usableAsTool;
		expect(typeof tool === 'object' && tool.replacements?.description).toMatch(/charge/);
	});
});

/**
 * Which operations must warn before they run, derived from the definitions: anything that
 * charges, emails, cancels, deletes or removes, switches a payment method or starts a bulk job.
 */
const NEEDS_NOTICE_EFFECTS = new Set(['charge', 'email', 'destructive', 'bulk']);
/** Operation values that start with one of these verbs (`removeProducts`, `billNow`, `sendMagicLink`). */
const NEEDS_NOTICE_VERBS = /^(cancel|delete|remove|switch|billNow|send)/;

describe('risky operations warn in their own words', () => {
	const needsNotice = OPERATIONS.filter((def) => NEEDS_NOTICE_EFFECTS.has(def.effect) || NEEDS_NOTICE_VERBS.test(def.operation));

	it('the rule finds the operations a builder must be warned about (control)', () => {
		const keys = needsNotice.map((def) => `${def.resource}.${def.operation}`);
		expect(keys).toEqual(
			expect.arrayContaining(['order.billNow', 'subscription.cancel', 'paymentMethod.switch', 'productSwap.delete', 'subscriptionPlan.removeProducts', 'bundle.delete', 'bulkAutomation.hideSubscriptions']),
		);
	});

	it('every one of them has a notice, shown under its Operation dropdown', () => {
		const properties = new Appstle().description.properties;
		const missing = needsNotice
			.filter((def) => !properties.some((p) => p.type === 'notice' && p.displayName === def.notice && p.displayOptions?.show?.operation?.includes(def.operation) && p.displayOptions?.show?.resource?.includes(def.resource)))
			.map((def) => `${def.resource}.${def.operation}`);
		expect(missing).toEqual([]);
	});

	it('each notice is written for its operation: no two alike, and only subscriptions speak of the subscription itself', () => {
		const notices = OPERATIONS.filter((def) => def.notice).map((def) => def.notice);
		expect(new Set(notices).size).toBe(notices.length);
		const misplaced = OPERATIONS.filter((def) => def.notice && /live subscription/i.test(def.notice)).map((def) => `${def.resource}.${def.operation}`);
		expect(misplaced).toEqual([]);
		for (const def of needsNotice) expect(def.notice).toMatch(/^Running this /);
	});
});

describe('canvas subtitle', () => {
	/** Evaluated the way the editor does: n8n-workflow's expression over the node's parameters. */
	function subtitleOf(parameters: { resource: string; operation: string }): unknown {
		const node = new Appstle();
		const nodeTypes: INodeTypes = { getByName: () => node, getByNameAndVersion: () => node, getKnownTypes: () => ({}) };
		const workflow = new Workflow({
			nodes: [{ id: '1', name: 'Appstle', type: 'n8n-nodes-appstle.appstle', typeVersion: 1, position: [0, 0], parameters }],
			connections: {},
			active: false,
			nodeTypes,
		});
		return workflow.expression.getSimpleParameterValue(workflow.getNode('Appstle')!, node.description.subtitle!, 'internal', {});
	}

	it('reads as the operation’s action, for every operation', () => {
		expect(subtitleOf({ resource: 'lineItem', operation: 'remove' })).toBe('Remove a product from a subscription');
		for (const def of OPERATIONS) expect(subtitleOf({ resource: def.resource, operation: def.operation })).toBe(def.action);
	});
});
