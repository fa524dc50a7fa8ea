import { dismissProblem, useWorkspace } from '../store/workspace.dom.ts';
import { useSay, useT } from '../i18n/i18n.dom.ts';

/** What the core said went wrong (a damaged file, a full disk), each until the user dismisses it. */
export function ProblemBanners() {
  const t = useT();
  const sayCore = useSay();
  const problems = useWorkspace((s) => s.problems);
  if (problems.length === 0) return null;
  return (
    <>
      {problems.map((problem) => (
        <div key={problem.message} className="banner banner-error banner-dismissable" role="alert">
          <span>{sayCore(problem.words, problem.message)}</span>
          <button
            type="button"
            className="link-button"
            onClick={() => dismissProblem(problem.message)}
          >
            {t('banner.dismiss')}
          </button>
        </div>
      ))}
    </>
  );
}
