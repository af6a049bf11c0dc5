/**
 * The versions of a procedure with their state in words (in force, scheduled, expired,
 * retired), and for an approver the retirement of one: no new filings, running cases go on.
 */
import { useCallback, useEffect, useState } from 'react';
import type { VersionView } from 'motcua/contract';
import { errorText, type SessionUser } from '../lib/api';
import { href } from '../lib/route';
import { draftsApi, isApprover } from './drafts-api';
import { VERSION_STATE } from './lifecycle-text';

export function VersionsPanel({ code, user, current }: { code: string; user: SessionUser | null; current: string }) {
  const [versions, setVersions] = useState<VersionView[] | null>(null);
  const [retiring, setRetiring] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => {
    draftsApi.versions(code).then(setVersions, (e: unknown) => setMessage({ ok: false, text: errorText(e) }));
  }, [code]);
  useEffect(load, [load]);

  const retire = async (version: string): Promise<void> => {
    try {
      await draftsApi.retire(code, version, reason.trim() || undefined);
      setMessage({ ok: true, text: `Đã ngừng áp dụng phiên bản ${version}: không nhận hồ sơ mới, hồ sơ đang giải quyết vẫn tiếp tục. (Retired.)` });
      setRetiring(null);
      setReason('');
      load();
    } catch (err) {
      setMessage({ ok: false, text: `Không ngừng áp dụng được: ${errorText(err)}` });
    }
  };

  if (!versions) return null;
  return (
    <details className="versions-panel">
      <summary>Các phiên bản ({versions.length}) <small lang="en">Versions</small></summary>
      <table className="list">
        <thead><tr><th>Phiên bản</th><th>Hiệu lực từ</th><th>đến</th><th>Trạng thái</th><th /></tr></thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} aria-current={v.version === current ? 'true' : undefined}>
              <td><a href={href('procedures', code, v.version)}>{v.version}</a></td>
              <td>{v.effective?.from ?? '—'}</td>
              <td>{v.effective?.to ?? 'không thời hạn'}</td>
              <td><span className={`badge state-${v.state}`}>{VERSION_STATE[v.state].vi} <small lang="en">{VERSION_STATE[v.state].en}</small></span></td>
              <td>
                {isApprover(user) && v.state !== 'retired' ? (
                  retiring === v.version ? (
                    <span className="retire-form">
                      <label>Lý do <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} /></label>
                      <button type="button" className="danger" onClick={() => void retire(v.version)}>Xác nhận ngừng áp dụng</button>
                      <button type="button" onClick={() => setRetiring(null)}>Huỷ</button>
                    </span>
                  ) : (
                    <button type="button" onClick={() => setRetiring(v.version)}>Ngừng áp dụng <small lang="en">Retire</small></button>
                  )
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {message ? <p className={message.ok ? 'notice ok' : 'notice bad'} role="status">{message.text}</p> : null}
    </details>
  );
}
