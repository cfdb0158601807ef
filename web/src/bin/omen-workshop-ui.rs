//! Workshop mode's interface: a second wasm module (Trunk builds it into `dist/workshop/`) that
//! the page loads only when workshop mode opens (`omenWorkshop` in web/loader.js), rendered into
//! the panel the page keeps for it (see `omen_web::views::workshop`).

fn main() {
    omen_web::views::workshop::start();
}
