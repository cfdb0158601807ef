// Starts the Omen web app without an inline script, so the page's Content-Security-Policy
// needs no hash or nonce. Trunk writes the hashed file names into the #omen-bundle data block
// (see Trunk.toml's pattern_script).
const notice = (text) => {
  const box = document.createElement('p');
  box.className = 'load-error';
  box.setAttribute('role', 'alert');
  box.textContent = text;
  document.body.prepend(box);
};

// Share links (web/src/share.rs): `#v1=` + base64url(raw deflate(JSON)), with the browser's own
// CompressionStream / DecompressionStream and atob / btoa, so the wasm carries neither.
const toBase64url = (bytes) => {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
window.omenDeflate = async (text) => {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return toBase64url(new Uint8Array(await new Response(stream).arrayBuffer()));
};
// Resolves to the JSON text, or to 'error:tooLarge' / 'error:unreadable'. Stops reading past `limit` bytes.
window.omenInflate = async (payload, limit) => {
  try {
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const chunks = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        reader.cancel().catch(() => {});
        return 'error:tooLarge';
      }
      chunks.push(value);
    }
    const all = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    return 'error:unreadable';
  }
};

// The modules loaded after the first verdict, under the content-hashed names the build gives them
// (scripts/module-names writes them into the #omen-modules data block, relative to the page).
// start(MODULE) imports one's glue and starts its wasm.
const start = async (module) => {
  const files = JSON.parse(document.getElementById('omen-modules')?.textContent ?? '{}')[module];
  if (!files?.js || !files?.wasm) throw new Error(`the page names no files for its ${module} module`);
  const { default: init } = await import(new URL(files.js, document.baseURI).href);
  await init({ module_or_path: new URL(files.wasm, document.baseURI) });
};

// Workshop mode's interface: a second wasm module (web/src/views/workshop/), loaded only when
// workshop mode opens, that renders into the panel the page keeps for it. Defined before the
// app starts: the app asks for it in its first render when the address names a lesson.
window.omenWorkshop = async () => {
  try {
    await start('workshop');
  } catch (error) {
    console.error('workshop mode failed to start', error);
  }
};

// The Account view (web/src/views/account/): its own wasm module, loaded when its bar first opens.
let account = false;
document.addEventListener('toggle', async (event) => {
  if (account || event.target.id !== 'omen-account-bar' || !event.target.open) return;
  account = true;
  try {
    await start('account');
  } catch (error) {
    console.error(error);
  }
}, true);

// AWS's vocabulary (web/src/vocabulary/): its own wasm module, loaded once the first verdict is
// up, or at once by the managed-policy picker's button (then told to open the picker). It asks
// the page for its world through the app's exports (window.omenApp).
let vocab;
const vocabulary = () => (vocab ??= start('vocab').catch(console.error));
document.addEventListener('click', (event) => {
  if (event.target.closest?.('#omen-open-picker')) vocabulary().then(() => dispatchEvent(new Event('omen-picker')));
});

// The world builder (web/src/views/builder/): its own wasm module, rendered into the scenario
// pane once the first verdict is up, or at once when the pane is clicked or focused. It reads
// the world and hands back its edits through the app's exports (window.omenApp) too.
let built;
const builder = () => (built ??= start('builder').catch(console.error));
for (const type of ['pointerdown', 'focusin']) {
  document.addEventListener(type, (event) => {
    if (window.omenApp && event.target.closest?.('.pane-scenario')) builder();
  });
}

try {
  const bundle = JSON.parse(document.getElementById('omen-bundle').textContent);
  // The wasm compiles while its JS glue loads (the first verdict waits for both): its bytes were
  // preloaded by index.html. Where streaming compilation fails (a server that does not send
  // application/wasm) or is missing, the glue fetches and compiles the file itself, as before.
  const compiled =
    typeof WebAssembly.compileStreaming === 'function'
      ? WebAssembly.compileStreaming(fetch(bundle.wasm)).catch(() => bundle.wasm)
      : bundle.wasm;
  const app = await import(bundle.js);
  await app.default({ module_or_path: await compiled });
  window.omenApp = app;
  (window.requestIdleCallback ?? setTimeout)(() => {
    builder();
    vocabulary();
  });
} catch (error) {
  console.error('omen-web failed to start', error);
  // A panic while starting has already put up its own notice (web/src/crash.rs).
  if (!document.getElementById('omen-crash')) notice('Omen could not start: ' + error + ' / Omen を起動できませんでした。');
}
