/** Fees and charges (phí, lệ phí) of a case, in whole VND. */
export { computeFees } from './compute-fees';
