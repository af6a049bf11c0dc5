/**
 * CSV export of a statistics answer: one line per row, headers in Vietnamese then English,
 * UTF-8 with a byte-order mark so that spreadsheet programs read the diacritics.
 */
import { stringify } from 'csv-stringify/sync';
import type { StatsAnswer, StatsRow } from 'motcua/contract';

const COLUMNS: { header: string; value: (r: StatsRow) => string | number | null | undefined }[] = [
  { header: 'Kỳ (bucket)', value: (r) => r.bucket },
  { header: 'Mã (key)', value: (r) => r.key },
  { header: 'Tên (name)', value: (r) => r.name },
  { header: 'Tiếp nhận (received)', value: (r) => r.received },
  { header: 'Đã giải quyết (resolved)', value: (r) => r.resolved },
  { header: 'Giải quyết đúng hạn (resolved on time)', value: (r) => r.resolvedOnTime },
  { header: 'Đúng hạn theo Cổng DVC quốc gia (on time, portal count)', value: (r) => r.onTime },
  { header: 'Tỷ lệ đúng hạn (on-time rate)', value: (r) => r.onTimeRate },
  { header: 'Đang quá hạn (overdue now)', value: (r) => r.overdueNow },
  { header: 'Sắp đến hạn (due soon)', value: (r) => r.dueSoon },
  { header: 'Đang xử lý (open)', value: (r) => r.open },
  { header: 'Nộp trực tuyến (filed online)', value: (r) => r.online },
  { header: 'Tỷ lệ trực tuyến (online share)', value: (r) => r.onlineShare },
  { header: 'Thời gian xử lý TB, ngày làm việc (avg processing, working days)', value: (r) => r.avgProcessingDays },
  { header: 'Kết quả điện tử (electronic results)', value: (r) => r.electronicResults },
  { header: 'Số lượt đánh giá (ratings)', value: (r) => r.satisfaction.count },
  { header: 'Mức hài lòng TB 1-5 (average rating)', value: (r) => r.satisfaction.average },
];

/** The answer as CSV text. */
export function statsCsv(a: StatsAnswer): string {
  const records = a.rows.map((r) => COLUMNS.map((c) => c.value(r) ?? ''));
  return '\uFEFF' + stringify([COLUMNS.map((c) => c.header), ...records]);
}
