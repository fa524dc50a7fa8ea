import { useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../shared/model/entities.std.ts';
import { useT } from '../i18n/i18n.dom.ts';
import { useWorkspace } from '../store/workspace.dom.ts';
import { Highlighted } from './Highlighted.dom.tsx';

export interface SearchScope {
  conversationId: number;
  title: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Still indexing: older messages may be missing from the hits. */
  indexing: boolean;
}

interface SearchProps {
  search(query: string, scope: SearchScope | null): Promise<SearchResult>;
  onOpen(hit: SearchHit): void;
  focusSignal: number;
  /** Searching one chat (from its header), or everywhere. */
  scope?: SearchScope | null;
  onClearScope?: () => void;
}

/** Full-text search over the local cache: works offline; results newest first. */
export function SearchPanel({
  search,
  onOpen,
  focusSignal,
  scope = null,
  onClearScope,
}: SearchProps) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<SearchResult>();
  // Why the last search did not run: nothing was searched, so "Nothing found." would be untrue.
  const [failure, setFailure] = useState<string>();
  const coreOpen = useWorkspace((s) => s.status === 'open');
  const input = useRef<HTMLInputElement>(null);
  const language = useWorkspace((s) => s.settings?.language ?? 'en');

  useEffect(() => {
    if (focusSignal > 0) input.current?.focus();
  }, [focusSignal]);

  useEffect(() => {
    if (!query.trim()) {
      setFailure(undefined);
      return setResult(undefined);
    }
    let live = true;
    const timer = setTimeout(() => {
      search(query, scope).then(
        (found) => {
          if (!live) return;
          setFailure(undefined);
          setResult(found);
        },
        (error: unknown) => {
          if (!live) return;
          setResult(undefined);
          setFailure(error instanceof Error ? error.message : String(error));
        },
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // Asked again when the core comes back: what failed while it was away is found now.
  }, [query, search, scope, coreOpen]);

  const when = new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <div className="search">
      {scope && (
        <div className="search-scope" role="status">
          <span>{t('search.inChat', { title: scope.title })}</span>
          <button type="button" className="link-button" onClick={onClearScope}>
            {t('search.everywhere')}
          </button>
        </div>
      )}
      <input
        ref={input}
        type="search"
        className="search-input"
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          if (query) setQuery('');
          else onClearScope?.();
        }}
      />
      {failure !== undefined && (
        <p className="search-failed" role="alert">
          {coreOpen ? t('search.failed', { reason: failure }) : t('search.coreOffline')}
        </p>
      )}
      {result?.indexing && (
        <p className="muted search-indexing" role="status">
          {t('search.indexing')}
        </p>
      )}
      {result && (
        <ul className="search-results" role="list" aria-label={t('search.results')}>
          {result.hits.length === 0 && <li className="muted empty">{t('search.none')}</li>}
          {result.hits.map((hit) => (
            <li key={hit.message.id}>
              <button
                type="button"
                className="search-hit"
                data-testid="search-hit"
                onClick={() => onOpen(hit)}
              >
                <span className="search-hit-top">
                  <strong>{hit.conversationTitle}</strong>
                  <time className="muted">{when.format(hit.message.time)}</time>
                </span>
                <span className="search-hit-snippet">
                  <Highlighted snippet={hit.snippet} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
