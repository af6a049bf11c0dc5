/** Test fixture: the library's `vn` calendar, loaded without fs (vite's `?raw`). */
import vnText from '../../../../procedures/calendars/vn.yaml?raw';
import { parseSource } from '../../parse/source-document';
import { compileCalendar, type WorkingCalendar } from '../compile';
import type { CalendarFile } from '../types';

export const vnFile = parseSource(vnText, 'procedures/calendars/vn.yaml');
export const vnSpec = vnFile.value as CalendarFile;
export const vn: WorkingCalendar = compileCalendar(vnSpec, { file: vnFile.file });
