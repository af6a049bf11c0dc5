/** Provincial overlays of national procedures: the merge, the base version and staleness. */
export { resolveOverlay, OVERLAY_CODES, checkOverridable, describeOverridable, feeOfPath, isOverlayValue, type OverlayProblem, type OverlayProblemCode, type ResolvedOverlay } from './resolve';
export { selectBaseVersion, isVersionSpec, overlayStanding, type OverlayStanding } from './base';
