/** Bounds on what motcua reads from outside: nesting depth of JSON values, problems listed per refusal. */
export { MAX_JSON_DEPTH, exceedsDepth, textExceedsDepth, tooDeep } from './json-depth';
export { MAX_PROBLEMS } from './problems';
