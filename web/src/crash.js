// The crash notice, in plain JavaScript: it is shown when the wasm app can no longer run (a
// panic, or a trap such as running out of memory), so nothing in it calls back into wasm.
// web/src/crash.rs imports it through wasm-bindgen, which ships it beside the app.

const NOTICE_ID = 'omen-crash';
const AUTOSAVE_KEY = 'omen.autosave.v1';

const TEXT = {
  en: 'Omen stopped because of an internal error. Your work as last saved in this browser ' +
    '(a moment before the error) is kept: “Reload” reopens it; “Download” saves it as a file first.',
  ja: '内部エラーのため Omen が停止しました。このブラウザーに最後に保存された作業内容 (エラーの少し前の状態) は' +
    '残っています。「再読み込み」で開き直せます。「ダウンロード」で先にファイルとして保存することもできます。',
  nothingSaved: 'Nothing was saved in this browser yet. / このブラウザーにはまだ何も保存されていません。',
  reload: 'Reload / 再読み込み',
  download: 'Download / ダウンロード',
};

function element(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// Shows the notice with `details` (text, never HTML) once; later calls do nothing.
export function showCrashNotice(details) {
  if (document.getElementById(NOTICE_ID) || !document.body) return;
  const notice = element('div', 'crash');
  notice.id = NOTICE_ID;
  notice.setAttribute('role', 'alert');
  notice.setAttribute('data-testid', 'crash');
  const english = element('p', 'crash-text', TEXT.en);
  english.lang = 'en';
  const japanese = element('p', 'crash-text', TEXT.ja);
  japanese.lang = 'ja';
  notice.append(english, japanese);
  const buttons = element('div', 'crash-buttons');
  const reload = element('button', 'crash-reload', TEXT.reload);
  reload.type = 'button';
  // Without the share link in the address, so that the page opens the work saved here rather
  // than the link (which may be what made it fail).
  reload.addEventListener('click', () => window.location.replace(window.location.pathname + window.location.search));
  buttons.append(reload);
  let saved = null;
  try {
    saved = window.localStorage.getItem(AUTOSAVE_KEY);
  } catch {
    saved = null;
  }
  if (saved) {
    const link = element('a', 'button crash-download', TEXT.download);
    link.href = URL.createObjectURL(new Blob([saved], { type: 'application/json' }));
    link.download = 'omen-last-saved.json';
    buttons.append(link);
  } else {
    notice.append(element('p', 'crash-text', TEXT.nothingSaved));
  }
  notice.append(buttons, element('pre', 'crash-details mono', String(details)));
  document.body.prepend(notice);
}

// A trap (out of memory, stack overflow, `unreachable`) stops the wasm app without a Rust panic
// hook running: the error reaches the window as a WebAssembly.RuntimeError. Show the notice then.
export function guardTraps() {
  const isTrap = (error) => typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError;
  window.addEventListener('error', (event) => {
    if (isTrap(event.error)) showCrashNotice(`${event.error.name}: ${event.error.message}`);
  });
  window.addEventListener('unhandledrejection', (event) => {
    if (isTrap(event.reason)) showCrashNotice(`${event.reason.name}: ${event.reason.message}`);
  });
}
