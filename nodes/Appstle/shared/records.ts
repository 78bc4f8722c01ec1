import type { IDataObject } from 'n8n-workflow';

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
 * The digits of a Shopify ID in a record Appstle returned: a number, digits, or a GID
 * (`gid://shopify/SubscriptionContract/123`, optionally with `?…`). Records are trusted here;
 * user input is validated by the operation's field types instead.
 */
export function numericIdOf(gid: unknown): string | undefined {
	if (gid === undefined || gid === null) return undefined;
	const match = /(\d+)(\?.*)?$/.exec(String(gid));
	return match ? match[1] : String(gid);
}

/** The records of a GraphQL connection, whether it comes as `nodes` or as `edges[].node`. */
export function nodesOf(connection: unknown): IDataObject[] {
	if (!connection || typeof connection !== 'object') return [];
	const c = connection as { nodes?: IDataObject[]; edges?: Array<{ node: IDataObject }> };
	if (Array.isArray(c.nodes)) return c.nodes;
	if (Array.isArray(c.edges)) return c.edges.map((e) => e.node);
	return [];
}
