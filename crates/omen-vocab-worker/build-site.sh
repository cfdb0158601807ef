#!/usr/bin/env bash
# Builds the vocabulary worker and the catalogues into the site being built: Trunk's post-build
# hook (Trunk.toml) runs it with TRUNK_STAGING_DIR set. Everything goes into vocabulary/ under
# content-hashed names (cached for ever; a change is a new name), and index.html gets the
# names of the worker and of the stylesheet of what it writes in a JSON data block
# (#omen-vocabulary) that the app reads when it starts the worker (none of it is first load).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
staging="${TRUNK_STAGING_DIR:?run by trunk build, from the post_build hook in Trunk.toml}"
out="$staging/vocabulary"
work="$root/target/vocab-worker"
rm -rf "$out" "$work"
mkdir -p "$out" "$work"
cd "$root"
# shellcheck source=scripts/env.sh
source "$root/scripts/env.sh"

cargo run --release -q -p omen-catalogue -- write "$work"
cargo build -q --profile web-release --target wasm32-unknown-unknown -p omen-vocab-worker
wasm-bindgen --target web --no-typescript --out-dir "$work" \
  target/wasm32-unknown-unknown/web-release/omen_vocab_worker.wasm
wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  "$work/omen_vocab_worker_bg.wasm" -o "$work/omen_vocab_worker_bg.opt.wasm"

# name STEM EXT FILE: copies FILE to vocabulary/STEM-HASH.EXT and prints that name.
name() {
  hash="$(sha256sum "$3" | cut -c1-16)"
  cp "$3" "$out/$1-$hash.$2"
  echo "$1-$hash.$2"
}
wasm="$(name omen-vocab-worker wasm "$work/omen_vocab_worker_bg.opt.wasm")"
glue="$(name omen-vocab-worker js "$work/omen_vocab_worker.js")"
reference="$(name service-reference txt "$work/service-reference.txt")"
descriptions="$(name action-descriptions txt "$work/action-descriptions.txt")"
managed="$(name managed-policies txt "$work/managed-policies.txt")"
sed -e "s/__GLUE__/$glue/" -e "s/__WASM__/$wasm/" -e "s/__SERVICE_REFERENCE__/$reference/" \
  -e "s/__ACTION_DESCRIPTIONS__/$descriptions/" -e "s/__MANAGED_POLICIES__/$managed/" \
  crates/omen-vocab-worker/worker.js >"$work/worker.js"
worker="$(name worker js "$work/worker.js")"
css="$(name vocabulary css crates/omen-vocab-worker/vocabulary.css)"

# The app finds the worker through index.html (never cached under a fixed name for long); the
# Account view finds the two catalogues it resolves AWS managed policies from the same way.
block="<script type=\"application/json\" id=\"omen-vocabulary\">{\"worker\":\"vocabulary/$worker\",\"css\":\"vocabulary/$css\",\"serviceReference\":\"vocabulary/$reference\",\"managedPolicies\":\"vocabulary/$managed\"}</script>"
sed -i "s#</head>#  $block\n  </head>#" "$staging/index.html"
echo "vocabulary: $worker, $glue, $wasm, $css, $reference, $descriptions, $managed"
