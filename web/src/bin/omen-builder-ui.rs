//! The world builder: a wasm module of its own (Trunk builds it into `dist/builder/`) that
//! web/loader.js loads once the first verdict is on screen, or at once when the scenario pane is
//! clicked or focused, rendered into the pane (see `omen_web::views::builder`).

fn main() {
    omen_web::views::builder::start();
}
