/** Bounds on what motcua reads from outside: nesting depth of JSON values. */
export { MAX_JSON_DEPTH, exceedsDepth, textExceedsDepth, tooDeep } from './json-depth';
