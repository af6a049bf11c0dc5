/** Output formats of `motcua test`. */
export { formatText, show } from './text';
export { formatJUnit, xmlEscape } from './junit';
