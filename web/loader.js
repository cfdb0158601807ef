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

// Raw deflate (RFC 1951) with the browser's own CompressionStream, for share links: the wasm
// only carries the small inflater (web/src/share.rs).
window.omenDeflate = async (bytes) => {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};

try {
  const bundle = JSON.parse(document.getElementById('omen-bundle').textContent);
  const { default: init } = await import(bundle.js);
  await init({ module_or_path: bundle.wasm });
} catch (error) {
  console.error('omen-web failed to start', error);
  // A panic while starting has already put up its own notice (web/src/crash.rs).
  if (!document.getElementById('omen-crash')) notice('Omen could not start: ' + error + ' / Omen を起動できませんでした。');
}
