// Starts the Account view's analysis (the omen-account-worker binary, built by Trunk into
// dist/account/ with wasm-bindgen's no-modules target) inside the Web Worker the view creates.
importScripts('./omen-account-worker.js');
wasm_bindgen({ module_or_path: './omen-account-worker_bg.wasm' });
