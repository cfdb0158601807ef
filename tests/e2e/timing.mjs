// The timing budgets' measurements, shared by the specs: first render in fresh pages, and
// keystroke → page update latencies.
//
// A timing is taken in rounds and the best round counts: other processes on a shared machine can
// only slow a round down. Rounds are spread out (a pause between them), so that one busy spell of
// the machine does not fail every round; a run that passes stops at its first good round. Every
// round is printed by the caller.

/** How many rounds a timing gets, at most. */
export const ROUNDS = 5;
/** The pause between two rounds, in milliseconds. */
const PAUSE_MS = 4_000;

/**
 * Runs `round(n)` for n = 1.. until `passes(result)` or ROUNDS rounds; returns every result.
 * A test that uses it needs a timeout of ROUNDS × (its round + PAUSE_MS).
 */
export async function bestOfRounds(round, passes) {
  const results = [];
  for (let n = 1; n <= ROUNDS; n++) {
    const result = await round(n);
    results.push(result);
    if (passes(result) || n === ROUNDS) break;
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  return results;
}

/**
 * One round of first render: `url` opened in `pages` fresh pages (each in a new context: no HTTP
 * cache, no storage); for each, the time from navigation start to the verdict in the DOM.
 * `ready(page)` waits for what the test needs beyond the verdict. Returns the median and the times.
 */
export async function firstRenderRound(browser, url, ready, pages = 5) {
  const times = [];
  for (let i = 0; i < pages; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (window.__verdictAt === undefined && document.querySelector('[data-testid=verdict]')) {
          window.__verdictAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(url);
    await ready(page);
    times.push(await page.evaluate(() => window.__verdictAt));
    await context.close();
  }
  const median = [...times].sort((a, b) => a - b)[Math.floor(pages / 2)];
  return { median, times };
}

/**
 * Starts measuring, in `page`, each keystroke's latency: from the input event (capture, before
 * the app sees it) to the first DOM change after it. The app plays the world and patches the page
 * in one microtask, and a MutationObserver's callback runs right after it. Keystrokes that arrive
 * before the page caught up count from the first of them.
 */
export async function watchKeystrokes(page) {
  await page.evaluate(() => {
    window.__lat = [];
    let t0 = null;
    document.addEventListener('input', () => (t0 ??= performance.now()), true);
    new MutationObserver(() => {
      if (t0 !== null) {
        window.__lat.push(performance.now() - t0);
        t0 = null;
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Forgets the latencies measured so far. */
export async function resetKeystrokes(page) {
  await page.evaluate(() => (window.__lat = []));
}

/** The latencies measured since the last reset: how many, and their p50 and p95. */
export async function keystrokeLatencies(page) {
  const lat = (await page.evaluate(() => window.__lat)).sort((a, b) => a - b);
  const pick = (q) => lat[Math.min(lat.length - 1, Math.floor(q * lat.length))];
  return { count: lat.length, p50: pick(0.5), p95: pick(0.95) };
}
