/**
 * The handler groups. Each file handles some of the catalog's endpoints and, right after its
 * handlers, keeps one sample request per handler; both are keyed by the catalog's operationId.
 * Which endpoints exist comes from `contract.json` alone; nothing here counts them.
 */
import type { EndpointSpec } from '../contract-schema';
import type { Samples } from '../samples';
import { billingHandlers, billingSamples } from './billing';
import { bundleHandlers, bundleSamples } from './bundles';
import type { Handler } from './common';
import { contractHandlers, contractSamples } from './contracts';
import { customerHandlers, customerSamples } from './customers';
import { discountHandlers, discountSamples } from './discounts';
import { groupHandlers, groupSamples } from './groups';
import { lineHandlers, lineSamples } from './lines';
import { settingsHandlers, settingsSamples } from './settings';

export interface HandlerGroup {
	/** The file under `test/sandbox/handlers/`. */
	file: string;
	handlers: Record<string, Handler>;
	samples: Samples;
}

export const HANDLER_GROUPS: HandlerGroup[] = [
	{ file: 'contracts.ts', handlers: contractHandlers, samples: contractSamples },
	{ file: 'lines.ts', handlers: lineHandlers, samples: lineSamples },
	{ file: 'billing.ts', handlers: billingHandlers, samples: billingSamples },
	{ file: 'discounts.ts', handlers: discountHandlers, samples: discountSamples },
	{ file: 'groups.ts', handlers: groupHandlers, samples: groupSamples },
	{ file: 'bundles.ts', handlers: bundleHandlers, samples: bundleSamples },
	{ file: 'settings.ts', handlers: settingsHandlers, samples: settingsSamples },
	{ file: 'customers.ts', handlers: customerHandlers, samples: customerSamples },
];

export const handlers: Record<string, Handler> = Object.assign({}, ...HANDLER_GROUPS.map((g) => g.handlers)) as Record<string, Handler>;

export const samples: Samples = Object.assign({}, ...HANDLER_GROUPS.map((g) => g.samples)) as Samples;

/** The group that handles an operationId, if any. */
export function groupOf(operationId: string): HandlerGroup | undefined {
	return HANDLER_GROUPS.find((g) => Object.hasOwn(g.handlers, operationId));
}

/**
 * Where a new endpoint's handler belongs: the file that handles most endpoints of its catalog
 * section (`section` in contract.json), so a contributor is told a file, not a count.
 */
export function handlerFileFor(endpoint: EndpointSpec, all: EndpointSpec[]): string {
	const votes = new Map<string, number>();
	for (const other of all) {
		if (other.section !== endpoint.section) continue;
		const group = groupOf(other.operationId);
		if (group) votes.set(group.file, (votes.get(group.file) ?? 0) + 1);
	}
	const [best] = [...votes.entries()].sort((a, b) => b[1] - a[1]);
	return `test/sandbox/handlers/${best?.[0] ?? '<group>.ts (a new group is listed in handlers/index.ts)'}`;
}

/** The next step for an endpoint of contract.json that has no handler. */
export function missingHandlerStep(endpoint: EndpointSpec, all: EndpointSpec[]): string {
	return (
		`operation ${endpoint.operationId} (${endpoint.method} ${endpoint.path}) has no sandbox handler: ` +
		`add one, and its sample request, in ${handlerFileFor(endpoint, all)}`
	);
}
