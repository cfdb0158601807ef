//! Workshop mode's checker as a Web Worker: Trunk builds this binary into `dist/workshop/`, and
//! the page starts it only when workshop mode opens (see `omen_web::views::workshop::worker`).

fn main() {
    omen_web::views::workshop::worker::run();
}
