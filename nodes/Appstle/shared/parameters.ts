/**
 * Parameter names and defaults that both an editor description and the code that runs read:
 * written once here, so a description file needs no import from runtime code.
 */

/** Tool mode's default Max Records of a list operation. */
export const TOOL_LIST_LIMIT = 10;
/** The tool-mode Limit: its own name, since n8n's lint fixes a `limit` parameter's default at 50. */
export const TOOL_LIMIT_PARAMETER = 'toolLimit';
/** Tool mode's default cap on the characters of one answer. */
export const DEFAULT_TOOL_ANSWER_CHARACTERS = 10_000;

/** Return All's default Max Pages: the most pages one list read may take before it stops with an error. */
export const DEFAULT_MAX_PAGES = 10_000;

/** The collection that holds a list's sort order, apart from its filters. */
export const SORT_COLLECTION = 'sort';

/** The polling trigger's default look-back for late activity-log entries. */
export const DEFAULT_OVERLAP_SECONDS = 300;
