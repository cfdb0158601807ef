// Starts the Account view's analysis (the omen-account-worker binary, built by Trunk into
// dist/account/ with wasm-bindgen's no-modules target) inside the Web Worker the view creates.
// scripts/module-names gives the three files content-hashed names and rewrites the two
// names below to match.
importScripts('./omen-account-worker.js');
wasm_bindgen({ module_or_path: './omen-account-worker_bg.wasm' });
