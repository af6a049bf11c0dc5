/** A case's status in Vietnamese, with the overdue flag. */
const STATUS_VI: Record<string, string> = {
  'awaiting-consent': 'Chờ người liên quan đồng ý', open: 'Đang xử lý', processing: 'Đang xử lý', active: 'Đang xử lý', suspended: 'Chờ bổ sung', waiting: 'Đang chờ',
  done: 'Đã có kết quả', rejected: 'Bị từ chối', withdrawn: 'Đã rút', cancelled: 'Đã hủy',
};

export function StatusBadge({ status, overdue }: { status: string; overdue?: boolean }) {
  return (
    <span className={`status status-${status}`}>
      {STATUS_VI[status] ?? status}
      {overdue ? <span className="flag overdue"> · Quá hạn</span> : null}
    </span>
  );
}
