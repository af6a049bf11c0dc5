/**
 * Vietnamese (then English) labels of what the statistics API answers with ids: levels,
 * sectors, the groups and indicators of the 766 index. The dashboard never shows a raw id.
 */
import type { Group766 } from 'motcua/contract';

export interface Label {
  vi: string;
  en: string;
}

export const LEVEL_LABELS: Record<string, Label> = {
  commune: { vi: 'Cấp xã', en: 'Commune' },
  province: { vi: 'Cấp tỉnh', en: 'Province' },
  ministry: { vi: 'Cấp bộ', en: 'Ministry' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

export const SECTOR_LABELS: Record<string, Label> = {
  business: { vi: 'Thành lập và hoạt động doanh nghiệp', en: 'Business' },
  certification: { vi: 'Chứng thực', en: 'Certification' },
  'civil-status': { vi: 'Hộ tịch', en: 'Civil status' },
  construction: { vi: 'Xây dựng', en: 'Construction' },
  culture: { vi: 'Văn hóa', en: 'Culture' },
  'food-safety': { vi: 'An toàn thực phẩm', en: 'Food safety' },
  'health-insurance': { vi: 'Bảo hiểm y tế', en: 'Health insurance' },
  'judicial-records': { vi: 'Lý lịch tư pháp', en: 'Judicial records' },
  labour: { vi: 'Lao động', en: 'Labour' },
  land: { vi: 'Đất đai', en: 'Land' },
  residence: { vi: 'Cư trú', en: 'Residence' },
  'social-protection': { vi: 'Bảo trợ xã hội', en: 'Social protection' },
  transport: { vi: 'Giao thông vận tải', en: 'Transport' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

export const GROUP_LABELS: Record<Group766['id'], Label> = {
  transparency: { vi: 'Công khai, minh bạch', en: 'Transparency' },
  progress: { vi: 'Tiến độ giải quyết', en: 'Progress' },
  'online-services': { vi: 'Dịch vụ trực tuyến', en: 'Online services' },
  'online-payment': { vi: 'Thanh toán trực tuyến', en: 'Online payment' },
  digitization: { vi: 'Số hóa hồ sơ', en: 'Digitization' },
  satisfaction: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
};

export const INDICATOR_LABELS: Record<string, string> = {
  'procedures-announced-on-time': 'Công bố TTHC đúng hạn',
  'national-database-updated-on-time': 'Cập nhật CSDL quốc gia về TTHC đúng hạn',
  'procedures-published-complete': 'Công khai đầy đủ nội dung TTHC',
  'dossiers-synchronized-to-portal': 'Đồng bộ hồ sơ lên Cổng DVC quốc gia',
  'resolved-on-time': 'Hồ sơ giải quyết đúng hạn',
  'procedures-offered-online': 'TTHC cung cấp trực tuyến',
  'online-services-with-dossiers': 'DVC trực tuyến phát sinh hồ sơ',
  'dossiers-filed-online': 'Hồ sơ nộp trực tuyến',
  'dossiers-paid-online': 'Hồ sơ thanh toán trực tuyến',
  'fee-procedures-with-online-payments': 'TTHC có phí phát sinh thanh toán trực tuyến',
  'fee-procedures-payable-on-portal': 'TTHC có phí thanh toán được trên Cổng',
  'electronic-results': 'Cấp kết quả điện tử',
  'dossiers-digitized': 'Số hóa hồ sơ',
  'electronic-certified-copies': 'Chứng thực bản sao điện tử',
  'digitized-data-reused': 'Tái sử dụng dữ liệu số hóa',
  'results-synchronized-to-citizen-store': 'Đồng bộ kết quả vào kho dữ liệu công dân',
  'population-database-by-dossier': 'Khai thác CSDL dân cư theo hồ sơ',
  'population-database-by-procedure': 'Khai thác CSDL dân cư theo thủ tục',
  'petitions-handled-on-time': 'Xử lý phản ánh, kiến nghị đúng hạn',
  'petition-handling-satisfaction': 'Hài lòng về xử lý phản ánh, kiến nghị',
  'handling-satisfaction': 'Hài lòng trong giải quyết TTHC',
};

export const PERIOD_LABELS: Record<string, Label> = {
  day: { vi: 'Theo ngày', en: 'Daily' },
  week: { vi: 'Theo tuần', en: 'Weekly' },
  month: { vi: 'Theo tháng', en: 'Monthly' },
};

/** A percentage for display (`—` when there is nothing to divide). */
export function percent(x: number | null | undefined): string {
  return x === null || x === undefined ? '—' : `${(x * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`;
}
