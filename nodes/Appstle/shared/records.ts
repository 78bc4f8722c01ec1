import type { IDataObject } from 'n8n-workflow';

import { ANY_GID_TYPE, idDigitsOf } from './ids';

/** Reading Appstle's and Shopify's record shapes; used by the action node, the triggers and the pickers. */

/** Appstle embeds some lists and objects as JSON text (`"[{\"id\":1}]"`); anything else is returned as is. */
export function parseJsonString(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/**
 * The ID of a record Appstle returned: the digits of a number, digits, or a numeric GID of any
 * type; anything else as the text it is (an opaque GID stays whole). Records are trusted here;
 * user input is validated by the operation's field types instead.
 */
export function recordIdOf(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	return idDigitsOf(value, ANY_GID_TYPE) ?? String(value);
}

/** The records of a GraphQL connection, whether it comes as `nodes` or as `edges[].node`. */
export function nodesOf(connection: unknown): IDataObject[] {
	if (!connection || typeof connection !== 'object') return [];
	const c = connection as { nodes?: IDataObject[]; edges?: Array<{ node: IDataObject }> };
	if (Array.isArray(c.nodes)) return c.nodes;
	if (Array.isArray(c.edges)) return c.edges.map((e) => e.node);
	return [];
}
