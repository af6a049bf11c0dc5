/** CEL expressions of the procedure format, on @marcbachmann/cel-js (never eval). */
export { createExpressionEnv, CASE_FIELDS, type ExpressionEnv } from './env';
export { checkExpression, type CheckResult, type ExpectedType } from './check';
export { compileExpression, prepareScope, PreparedScope, type Evaluator, type ExpressionScope } from './compile';
export { applyDefaults, applyDefaultsShared } from './defaults';
export { shapeOf, toCelValue, fromCelValue, type CelShape } from './cel-types';
export { didYouMean } from './suggest';
