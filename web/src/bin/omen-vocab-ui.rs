//! AWS's vocabulary in the page: a wasm module of its own (Trunk builds it into `dist/vocab/`)
//! that web/loader.js loads once the first verdict is on screen, or at once when the
//! managed-policy picker is opened (see `omen_web::vocabulary`).

fn main() {
    omen_web::vocabulary::start();
}
