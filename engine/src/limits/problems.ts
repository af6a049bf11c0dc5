/**
 * How many problems one refusal lists. A body of 6,000 undeclared keys would otherwise answer
 * with 6,000 problems, and building, logging and sending that list costs more than reading
 * the body; the first hundred tell the sender what is wrong, the count tells how much.
 */
export const MAX_PROBLEMS = 100;
