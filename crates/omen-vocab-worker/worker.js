// Omen's vocabulary worker (crates/omen-vocab-worker): started by the page after its first
// verdict, it loads its wasm and the service reference from the page's own origin, says
// {"op":"ready",…}, then answers each request (a JSON text) with a JSON text.
// build-site.sh fills in the content-hashed names below.
import init, { load, load_descriptions, load_managed, handle } from './__GLUE__';

const ready = (async () => {
  await init({ module_or_path: new URL('./__WASM__', import.meta.url) });
  let reference = '';
  let error;
  try {
    const response = await fetch(new URL('./__SERVICE_REFERENCE__', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    reference = await response.text();
  } catch (e) {
    error = `the service reference could not be fetched: ${e}`;
  }
  const loaded = JSON.parse(load(reference));
  if (error) loaded.error = error;
  self.postMessage(JSON.stringify(loaded));
})();

// AWS's descriptions of the actions, for explanations only: fetched once the reference is in.
ready.then(async () => {
  try {
    const response = await fetch(new URL('./__ACTION_DESCRIPTIONS__', import.meta.url));
    if (response.ok) load_descriptions(await response.text());
  } catch {
    // Explanations then go without AWS's descriptions.
  }
});

// The AWS managed policies, for the managed-policy picker and for the policies a world attaches
// by reference: fetched when one first asks.
let managed;
const needsManaged = (request) => /"op":"(managed|preview|attach|resolve)"/.test(request);
const loadManaged = () => {
  managed ??= (async () => {
    try {
      const response = await fetch(new URL('./__MANAGED_POLICIES__', import.meta.url));
      if (response.ok) load_managed(await response.text());
    } catch {
      // The picker then says that the AWS managed policies are not loaded.
    }
  })();
  return managed;
};

self.onmessage = async (event) => {
  await ready;
  if (needsManaged(event.data)) await loadManaged();
  self.postMessage(handle(event.data));
};
