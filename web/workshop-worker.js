// Starts workshop mode's checker (the omen-workshop binary, built by Trunk into dist/workshop/
// with wasm-bindgen's no-modules target) inside the Web Worker the page creates.
// scripts/module-names gives the three files content-hashed names and rewrites the two names
// below to match.
importScripts('./omen-workshop.js');
wasm_bindgen({ module_or_path: './omen-workshop_bg.wasm' });
