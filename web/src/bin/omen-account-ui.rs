//! The Account view's interface: a wasm module of its own (Trunk builds it into `dist/account/`)
//! that the page loads only when the Account bar first opens (`omenAccount` in web/loader.js),
//! rendered into the bar's body (see `omen_web::views::account`).

fn main() {
    omen_web::views::account::start();
}
