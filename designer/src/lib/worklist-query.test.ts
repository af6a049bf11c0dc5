import { describe, expect, it } from 'vitest';
import { worklistUrl } from './worklist-query';

describe('worklistUrl', () => {
  it('sends only the filters that are set', () => {
    expect(worklistUrl({ filter: 'all', procedure: '', limit: 50 })).toBe('/api/worklist?limit=50');
    expect(worklistUrl({ filter: 'overdue', procedure: '1.001193', limit: 20, after: 'abc=' })).toBe('/api/worklist?limit=20&overdue=true&procedure=1.001193&after=abc%3D');
    expect(worklistUrl({ filter: 'due-soon', procedure: '', limit: 5 })).toBe('/api/worklist?limit=5&dueSoon=true');
  });
});
